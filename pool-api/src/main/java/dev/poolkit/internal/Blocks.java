package dev.poolkit.internal;

import dev.poolkit.api.Block;

import java.lang.invoke.MethodHandles;

/** Where {@link Block} leaves its {@link BlockAccess} for the pool layer (see there). */
public final class Blocks {
    private static BlockAccess access; // written once, by Block's static initialiser

    private Blocks() {
    }

    /** Called once, by {@code Block}'s static initialiser. */
    public static synchronized void install(BlockAccess a) {
        if (access != null) {
            throw new IllegalStateException("Block's accessor is already installed");
        }
        access = a;
    }

    /** The accessor; initialises {@code Block} first if need be. Keep the result in a static final field. */
    public static BlockAccess access() {
        try {
            MethodHandles.lookup().ensureInitialized(Block.class);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        synchronized (Blocks.class) {
            return access;
        }
    }
}
