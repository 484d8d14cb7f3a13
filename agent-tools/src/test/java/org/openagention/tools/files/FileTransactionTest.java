// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTransactionTest {
    @TempDir
    Path dir;

    @Test
    void writeFailingMidwayRestoresEverythingAlreadyWritten() throws IOException {
        Path existing = Files.writeString(dir.resolve("existing.txt"), "original");
        Path doomed = Files.writeString(dir.resolve("doomed.txt"), "stays");
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file, not a directory");
        FileTransaction tx = new FileTransaction();
        tx.write(existing, "changed".getBytes(StandardCharsets.UTF_8));
        tx.write(dir.resolve("fresh/deep/new.txt"), "new".getBytes(StandardCharsets.UTF_8));
        tx.delete(doomed);
        tx.write(blocker.resolve("child.txt"), "cannot".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(tx::commit).isInstanceOf(IOException.class).hasMessageContaining("child.txt")
                .hasMessageContaining("every change already made was undone");

        assertThat(Files.readString(existing)).isEqualTo("original");
        assertThat(Files.readString(doomed)).isEqualTo("stays");
        assertThat(dir.resolve("fresh")).doesNotExist();
        try (var entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("existing.txt", "doomed.txt", "blocker");
        }
    }
}
