package dev.poolkit.bench.compare;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Run orders, drawn at random from a recorded seed. Whatever drifts over a run (JIT of the
 * client, page cache, other load on the machine, thermal state) must not favour whoever runs
 * first, last or next to whom: each round is a uniformly random permutation, so every target has
 * the same expected position and neighbours for any number of rounds, and the seed in
 * results.json (or {@code --seed}) reproduces the orders. No target runs twice in a row across a
 * round boundary.
 *
 * <p>Stateful: each call to {@link #rounds} draws new orders, so one schedule drives one run.
 */
public final class Schedule {
    /** Seeds stay below 2^53 so a JSON reader that parses numbers as doubles keeps them exact. */
    private static final long SEED_MASK = (1L << 53) - 1;

    private final long seed;
    private final SplittableRandom random;

    public Schedule(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /** A fresh seed, for a run that was not given one. */
    public static long newSeed() {
        return new SecureRandom().nextLong() & SEED_MASK;
    }

    public long seed() {
        return seed;
    }

    /** The orders of {@code items} for {@code rounds} rounds, one after the other. */
    public <T> List<List<T>> rounds(List<T> items, int rounds) {
        List<List<T>> all = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            List<T> order = new ArrayList<>(items);
            Collections.shuffle(order, new java.util.Random(random.nextLong()));
            if (r > 0 && order.size() > 1) {
                List<T> previous = all.get(r - 1);
                if (order.get(0).equals(previous.get(previous.size() - 1))) {
                    // the last of one round would also open the next: swap it with any other place
                    Collections.swap(order, 0, 1 + random.nextInt(order.size() - 1));
                }
            }
            all.add(List.copyOf(order));
        }
        return all;
    }
}
