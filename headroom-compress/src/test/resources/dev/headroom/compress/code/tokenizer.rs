//! A small tokenizer for arithmetic expressions.
//!
//! It turns `1 + 2 * (3 - x)` into a vector of tokens; the parser in
//! `parser.rs` builds the syntax tree from them.

use std::fmt;
use std::iter::Peekable;
use std::str::Chars;

/// One lexical token.
#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    Number(f64),
    Ident(String),
    Op(char),
    LParen,
    RParen,
}

/// An error with the byte offset where it happened.
#[derive(Debug, PartialEq)]
pub struct LexError {
    pub offset: usize,
    pub message: String,
}

impl fmt::Display for LexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at {}: {}", self.offset, self.message)
    }
}

/// Splits source text into tokens.
///
/// Whitespace is skipped; identifiers are ASCII letters, digits and underscores
/// and start with a letter. Numbers may have a fractional part.
pub struct Tokenizer<'a> {
    chars: Peekable<Chars<'a>>,
    offset: usize,
}

impl<'a> Tokenizer<'a> {
    pub fn new(source: &'a str) -> Self {
        Tokenizer { chars: source.chars().peekable(), offset: 0 }
    }

    /// Reads every token, or the first error.
    pub fn tokenize(mut self) -> Result<Vec<Token>, LexError> {
        let mut tokens = Vec::new();
        while let Some(&c) = self.chars.peek() {
            if c.is_whitespace() {
                self.bump();
            } else if c.is_ascii_digit() {
                tokens.push(self.number()?);
            } else if c.is_ascii_alphabetic() {
                tokens.push(Token::Ident(self.ident()));
            } else {
                tokens.push(self.symbol(c)?);
            }
        }
        Ok(tokens)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        self.offset += c.len_utf8();
        Some(c)
    }

    fn number(&mut self) -> Result<Token, LexError> {
        let start = self.offset;
        let mut text = String::new();
        while let Some(&c) = self.chars.peek() {
            if c.is_ascii_digit() || c == '.' {
                text.push(c);
                self.bump();
            } else {
                break;
            }
        }
        text.parse::<f64>().map(Token::Number).map_err(|e| LexError {
            offset: start,
            message: format!("bad number {:?}: {}", text, e),
        })
    }

    fn ident(&mut self) -> String {
        let mut name = String::new();
        while let Some(&c) = self.chars.peek() {
            if c.is_ascii_alphanumeric() || c == '_' {
                name.push(c);
                self.bump();
            } else {
                break;
            }
        }
        name
    }

    fn symbol(&mut self, c: char) -> Result<Token, LexError> {
        let offset = self.offset;
        self.bump();
        match c {
            '+' | '-' | '*' | '/' => Ok(Token::Op(c)),
            '(' => Ok(Token::LParen),
            ')' => Ok(Token::RParen),
            '{' | '}' => Err(LexError { offset, message: r#"braces "{}" are not allowed"#.to_string() }),
            _ => Err(LexError { offset, message: format!("unexpected {:?}", c) }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizes_an_expression() {
        let tokens = Tokenizer::new("1 + x * (2.5 - y)").tokenize().unwrap();
        assert_eq!(tokens.len(), 9);
        assert_eq!(tokens[0], Token::Number(1.0));
        assert_eq!(tokens[1], Token::Op('+'));
        assert_eq!(tokens[2], Token::Ident("x".to_string()));
    }

    #[test]
    fn reports_the_offset_of_a_bad_character() {
        let err = Tokenizer::new("1 + {").tokenize().unwrap_err();
        assert_eq!(err.offset, 4);
        assert!(err.message.contains("braces"));
    }
}
