package dev.poolkit.api;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Helps a user who mistyped a backend name: the closest valid name by edit distance, and the
 * module that provides each of Poolkit's own backends. Used by {@link Pools} and by every command
 * line that reads a backend name, so they all answer a typo the same way.
 *
 * <pre>{@code
 * BackendNames.didYouMean("jctool", Pools.names())
 * // " Did you mean 'jctools' (module dev.poolkit:pool-jctools)?"
 * }</pre>
 */
public final class BackendNames {
    /** Poolkit's backends and the Maven module of each, whether on the class path or not. */
    private static final Map<String, String> MODULES = Map.of(
            "local", "dev.poolkit:pool-api",
            "freelist", "dev.poolkit:pool-freelist",
            "commons", "dev.poolkit:pool-commons",
            "jctools", "dev.poolkit:pool-jctools");
    /** A typo is at most this many edits away; more, and the suggestion would be a guess. */
    private static final int MAX_EDITS = 2;

    private BackendNames() {
    }

    /** The names of Poolkit's own backends, whether their modules are on the class path or not. */
    static Set<String> poolkitBackends() {
        return MODULES.keySet();
    }

    /**
     * The Maven coordinates ({@code groupId:artifactId}) of the module that provides Poolkit's
     * backend {@code name}, or empty for a name that is none of Poolkit's own.
     */
    public static Optional<String> module(String name) {
        return Optional.ofNullable(name == null ? null : MODULES.get(normalize(name)));
    }

    /**
     * The candidate closest to {@code name} (case-insensitive, by edit distance counting a swap of
     * two neighbouring letters as one edit), if it is a likely typo of it: at most two edits, and
     * fewer edits than half the candidate's length. Ties go to the candidate listed first.
     */
    public static Optional<String> closest(String name, Collection<String> candidates) {
        if (name == null) {
            return Optional.empty();
        }
        String typed = normalize(name);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(typed, normalize(c));
            if (d > 0 && d <= MAX_EDITS && 2 * d < c.length() && d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * A sentence to append to an error about the unknown name {@code name}: {@code " Did you mean
     * 'x'?"} with the module that provides x when it is one of Poolkit's backends, or the empty
     * string when no candidate is close.
     */
    public static String didYouMean(String name, Collection<String> candidates) {
        return closest(name, candidates)
                .map(s -> " Did you mean '" + s + "'" + module(s).map(m -> " (module " + m + ")").orElse("") + "?")
                .orElse("");
    }

    /**
     * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
     * neighbouring characters, each one edit. Names are short, so the full table is fine.
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }

    private static String normalize(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }
}
