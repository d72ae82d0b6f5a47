package dev.headroom.compress.code;

import dev.headroom.compress.query.QueryTerms;

import java.util.List;
import java.util.Optional;

/** Computes the edits that turn one language's source into its outline. Implementations are stateless. */
interface Outliner {

    /**
     * The outline edits, or empty when the source does not parse.
     *
     * @param lines the source lines (without read-tool prefixes)
     * @param code  the same lines joined with {@code \n}
     * @param terms the query; functions it names are kept whole
     */
    Optional<List<LineEdit>> edits(List<String> lines, String code, QueryTerms terms);
}
