// SPDX-License-Identifier: Apache-2.0
package org.openagention.spring.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Spring Boot section: its Java block compiles as written, against the starter and Spring Boot. */
class ReadmeStarterTest {
    @TempDir
    Path tmp;

    @Test
    void theStarterSectionsCodeCompiles() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher m = Pattern.compile("<!-- spring-boot-starter -->\\s*```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(m.find()).as("README.md has a ```java block after <!-- spring-boot-starter -->").isTrue();
        Path source = tmp.resolve("SupportApplication.java");
        Files.writeString(source, m.group(1));
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, "-d", classes.toString(), "-proc:none",
                "-cp", System.getProperty("java.class.path"), source.toString());
        assertThat(status).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(classes.resolve("SupportApplication$Ask.class")).exists();
    }
}
