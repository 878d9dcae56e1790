/** The {@code freelist} backend: the seed article's mutex-guarded free list. */
module dev.poolkit.freelist {
    requires transitive dev.poolkit;

    exports dev.poolkit.freelist;

    provides dev.poolkit.spi.PoolBackend with dev.poolkit.freelist.FreeListBackend;
}
