package dev.poolkit.bench.compare;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Order-balanced run orders. Whatever drifts over a run (JIT of the client, page cache, other
 * load on the machine, thermal state) must not favour whoever runs first or last, so round r runs
 * the targets rotated by r/2 places, and every odd round runs the previous round's order
 * backwards: ABC CBA BCA ACB ... Two rounds already give every target the same mean position
 * (the ABBA design); more rounds also vary who neighbours whom.
 */
public final class Schedule {
    private Schedule() {
    }

    /** The order of {@code items} in round {@code round} (0-based). */
    public static <T> List<T> order(List<T> items, int round) {
        List<T> order = new ArrayList<>(items);
        if (order.isEmpty()) {
            return order;
        }
        Collections.rotate(order, -(round / 2) % order.size());
        if (round % 2 == 1) {
            Collections.reverse(order);
        }
        return order;
    }

    /** Every round's order, one after the other. */
    public static <T> List<List<T>> rounds(List<T> items, int rounds) {
        List<List<T>> all = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            all.add(order(items, r));
        }
        return all;
    }
}
