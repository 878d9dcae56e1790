package dev.poolkit.commons;

import dev.poolkit.api.PoolClosedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The close-during-acquire race, which no test can time: its two outcomes, one each. */
class BorrowingTest {
    private final IllegalStateException notOpen = new IllegalStateException("Pool not open");

    @Test
    void closedUnderTheAcquireIsOurPoolClosedException() {
        assertThat(Borrowing.closedWhileAcquiring("BlockPool 'commons'@1", true, notOpen))
                .isInstanceOf(PoolClosedException.class).hasMessageContaining("closed while this thread acquired")
                .hasCause(notOpen);
    }

    @Test
    void otherwiseCommonsPoolsExceptionIsLeftAsItIs() {
        assertThat(Borrowing.closedWhileAcquiring("BlockPool 'commons'@1", false, notOpen)).isSameAs(notOpen);
    }
}
