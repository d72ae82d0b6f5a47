package dev.headroom.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code wrap} lines of {@code headroom doctor}: whether doctor runs inside {@code headroom wrap} (its
 * {@code HEADROOM_WRAPPED} variable), and each proxy a wrap started ({@link WrapRecords}): running with its
 * wrap, or left behind (a warning; {@code headroom unwrap} removes it). No line when neither applies.
 */
final class WrapCheck {
    private WrapCheck() {
    }

    static List<DoctorCheck> checks(Map<String, String> env) {
        List<DoctorCheck> checks = new ArrayList<>();
        String wrapped = env.get("HEADROOM_WRAPPED");
        if (wrapped != null && !wrapped.isBlank()) {
            checks.add(DoctorCheck.ok("wrap", "running inside headroom wrap " + wrapped));
        }
        List<WrapRecords.Entry> entries;
        try {
            entries = new WrapRecords(env).list();
        } catch (RuntimeException e) {
            checks.add(DoctorCheck.warning("wrap", "cannot read the wrap records: " + OneLine.of(e), "check the permissions of "
                    + new WrapRecords(env).directory()));
            return checks;
        }
        for (WrapRecords.Entry e : entries) {
            if (e.wrapAlive() && e.proxyAlive()) {
                checks.add(DoctorCheck.ok("wrap", "headroom wrap " + e.tool() + " (pid " + e.wrapPid() + ") runs a proxy it started on "
                        + WrapProxy.HOST + ":" + e.port() + " (pid " + e.proxyPid() + ", log " + e.log() + ")"));
            } else {
                checks.add(DoctorCheck.warning("wrap", "headroom wrap " + e.tool() + " left a record of a proxy on port " + e.port()
                        + (e.proxyAlive() ? " that still runs (pid " + e.proxyPid() + ")" : " that no longer runs"),
                        "headroom unwrap removes it"));
            }
        }
        return checks;
    }
}
