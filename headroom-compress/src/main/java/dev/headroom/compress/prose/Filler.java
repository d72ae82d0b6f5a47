package dev.headroom.compress.prose;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Removes filler phrases from a kept sentence, outside code spans; the facts of the sentence stay. */
final class Filler {
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");
    private static final Pattern LEADING = Pattern.compile(
            "^(?i:basically|essentially|actually|of course|in other words|as you can see|as mentioned (?:above|before|earlier)"
            + "|it (?:is|'s) worth (?:noting|mentioning) that|(?:please )?note that|obviously|clearly|in fact|indeed"
            + "|simply put|in short|in general|generally speaking),?\\s+");
    private static final Pattern INNER = Pattern.compile("(?i) (?:really|very|basically|actually|essentially) (?=\\p{L})");

    private Filler() {
    }

    static String strip(String sentence) {
        String s = sentence;
        Matcher lead = LEADING.matcher(s);
        if (lead.find() && lead.end() < s.length()) {
            s = capitalize(s.substring(lead.end()));
        }
        if (!INNER.matcher(s).find()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        Matcher code = CODE_SPAN.matcher(s);
        int last = 0;
        while (code.find()) {
            out.append(INNER.matcher(s.substring(last, code.start())).replaceAll(" ")).append(code.group());
            last = code.end();
        }
        out.append(INNER.matcher(s.substring(last)).replaceAll(" "));
        return out.toString();
    }

    private static String capitalize(String s) {
        char first = s.charAt(0);
        return Character.isLowerCase(first) ? Character.toUpperCase(first) + s.substring(1) : s;
    }
}
