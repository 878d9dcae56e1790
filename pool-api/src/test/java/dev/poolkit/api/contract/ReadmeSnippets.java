package dev.poolkit.api.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the README's code examples true: each example lives in a test between
 * {@code // tag::NAME[]} and {@code // end::NAME[]} lines, is compiled and run there, and this
 * checks that the root README shows exactly that code (dedented).
 */
public final class ReadmeSnippets {
    private ReadmeSnippets() {
    }

    /**
     * Asserts that the README (found by walking up from the module directory) contains the
     * region {@code tag} of {@code testSource} (a path relative to the module directory).
     */
    public static void assertReadmeShows(String testSource, String tag) {
        String source = read(Path.of(testSource));
        Matcher m = Pattern.compile("// tag::" + Pattern.quote(tag) + "\\[]\\n(.*?)\\n\\s*// end::"
                + Pattern.quote(tag) + "\\[]", Pattern.DOTALL).matcher(source);
        assertThat(m.find()).as("tag %s in %s", tag, testSource).isTrue();
        String example = dedent(m.group(1));
        assertThat(read(readme())).as("README.md must show the example '%s' from %s verbatim", tag, testSource)
                .contains(example);
    }

    private static Path readme() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("README.md")) && Files.exists(dir.resolve("pool-api"))) {
                return dir.resolve("README.md");
            }
        }
        throw new AssertionError("no README.md next to pool-api above " + Path.of("").toAbsolutePath());
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String dedent(String block) {
        List<String> lines = block.lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l.length() >= indent ? l.substring(indent) : l.strip()).append('\n');
        }
        return sb.toString().stripTrailing();
    }
}
