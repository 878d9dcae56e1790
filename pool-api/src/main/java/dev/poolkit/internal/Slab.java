package dev.poolkit.internal;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPool;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.ExhaustionPolicy;
import dev.poolkit.api.MemoryKind;

import java.nio.ByteBuffer;

/**
 * The one allocation behind a {@link BlockPool}: capacity x stride bytes, aligned, carved into
 * blocks whose buffers are views that share the slab's memory.
 */
public final class Slab {
    private static final BlockAccess BLOCKS = Blocks.access();

    private Slab() {
    }

    /** Allocates the slab for {@code config} and makes one handle per block, owned by {@code pool}. */
    public static Block[] carve(BlockPoolConfig config, BlockPool pool) {
        int align = config.alignment();
        // Over-allocate by align - 1 so an aligned start always exists; the config has checked it fits.
        int raw = (int) (config.slabBytes() + align - 1);
        ByteBuffer slab = allocate(config.memory(), raw).alignedSlice(align);
        Block[] blocks = new Block[config.capacity()];
        int stride = config.stride();
        for (int i = 0; i < blocks.length; i++) {
            ByteBuffer view = slab.slice(i * stride, config.blockSize());
            blocks[i] = BLOCKS.newBlock(i, view, pool);
            checkAligned(view, align, i);
        }
        return blocks;
    }

    /** A fresh block outside the slab, for {@link ExhaustionPolicy#unpooled()}. */
    public static Block unpooled(BlockPoolConfig config, BlockPool pool) {
        int align = config.alignment();
        // alignedSlice rounds its capacity down to the alignment, so reserve a whole stride.
        ByteBuffer buf = allocate(config.memory(), config.stride() + align - 1).alignedSlice(align)
                .slice(0, config.blockSize());
        return BLOCKS.newBlock(-1, buf, pool);
    }

    private static ByteBuffer allocate(MemoryKind kind, int bytes) {
        return kind == MemoryKind.DIRECT ? ByteBuffer.allocateDirect(bytes) : ByteBuffer.allocate(bytes);
    }

    private static void checkAligned(ByteBuffer view, int align, int index) {
        // alignmentOffset reads the real address for direct buffers; for heap buffers it is
        // only defined up to the 8-byte alignment the config already limits them to.
        if (view.alignmentOffset(0, align) != 0) {
            throw new IllegalStateException("block " + index + " is not aligned to " + align
                    + " bytes; this is a bug in the slab carving, please report it");
        }
    }
}
