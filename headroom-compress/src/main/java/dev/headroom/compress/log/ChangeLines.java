package dev.headroom.compress.log;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises lines that announce a change in the system: a configuration applied or reloaded, a deploy or
 * rollout, a (re)start or shutdown, a version or upgrade, a feature flag, a leader election, scaling, a
 * (re)connection. Such a line is often the explanation of an error minutes later, so a digest keeps it even
 * when it reads like routine INFO.
 */
final class ChangeLines {
    private static final String[] HINTS = {"config", "revision", "applied", "apply", "deploy", "rollout", "roll out",
        "rolling", "restart", "start", "stop", "shut", "boot", "version", "upgrad", "downgrad", "migrat", "flag",
        "leader", "elect", "scal", "replica", "reload", "connect", "listen", "enabled", "disabled", "switch",
        "failover", "promot", "rebalanc", "assigned", "revoked"};
    private static final Pattern CHANGE = Pattern.compile("(?i)\\b(?:"
            + "config(?:uration)?\\b.{0,40}\\b(?:appl|load|chang|updat|set|reload)\\w*|(?:appl|load|chang|updat|reload)\\w*\\b.{0,40}\\bconfig"
            + "|revision|deploy\\w*|roll(?:ing|ed)? ?out|re-?start\\w*|start(?:ing|ed)?\\b|stopp?(?:ing|ed)?\\b|shut(?:ting)? ?down"
            + "|boot(?:ing|ed)?\\b|version\\b|v\\d+\\.\\d+|upgrad\\w*|downgrad\\w*|migrat\\w*|feature[ _-]?flag|flag\\b.{0,20}\\b(?:on|off|enabled|disabled|set)"
            + "|leader\\w*|elect\\w*|scal(?:e|ed|ing)\\b|replicas?\\b|reload\\w*|(?:re|dis)?connect(?:ed|ing)?\\b|listening|enabled\\b|disabled\\b"
            + "|switch(?:ed|ing)? (?:to|over)|failover|promot\\w*|rebalanc\\w*|partitions? (?:assigned|revoked))");

    private ChangeLines() {
    }

    /** A {@code v} before a digit ({@code v2.3.1}), which the hint words do not cover. */
    private static boolean mentionsVersion(String lower) {
        for (int at = lower.indexOf('v'); at >= 0 && at + 1 < lower.length(); at = lower.indexOf('v', at + 1)) {
            if (Character.isDigit(lower.charAt(at + 1))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code line} announces a change. */
    static boolean announcesChange(String line) {
        String head = line.length() > 400 ? line.substring(0, 400) : line;
        String lower = head.toLowerCase(Locale.ROOT);
        for (String hint : HINTS) {
            if (lower.contains(hint)) {
                return CHANGE.matcher(head).find();
            }
        }
        return mentionsVersion(lower) && CHANGE.matcher(head).find();
    }
}
