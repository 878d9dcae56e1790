package dev.poolkit.jctools;

import dev.poolkit.api.PoolThreadState;

/** This backend caches nothing per thread: the state holds only the base class's counters. */
final class NoThreadState extends PoolThreadState {
}
