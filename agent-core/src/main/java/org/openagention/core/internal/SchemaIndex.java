// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * JSON Schemas generated when a module is built, so that a process making its tools does not run
 * the schema generator (a large share of a cold start). A module's build runs {@link #main} on its
 * compiled classes; it writes, for every record whose schema can be generated,
 * {@code META-INF/openagention/schemas/<binary name>.json}: a first line with a fingerprint, then
 * the schema exactly as {@link Schemas#of} makes it.
 *
 * <p>The fingerprint covers the class files of every class the schema is made from (the record, the
 * records, classes and enums it reaches) and of the generator's configuration and library, so an
 * entry is used only for the very classes it was made from: after any change (an IDE's compile
 * without the build, another library version on the classpath) the schema is generated as before.
 */
public final class SchemaIndex {
    static final String DIRECTORY = "META-INF/openagention/schemas/";

    /** The classes whose code decides how a schema is generated, besides the type's own. */
    private static final List<String> GENERATOR = List.of(Schemas.class.getName(), Json.class.getName(),
            OptionalModule.class.getName(), "com.github.victools.jsonschema.generator.SchemaGenerator",
            "com.github.victools.jsonschema.module.jackson.JacksonModule",
            "com.fasterxml.jackson.databind.cfg.PackageVersion");

    private SchemaIndex() {}

    /** The indexed schema of {@code type}, made from {@code classes}; null when there is none or it is not for these classes. */
    static String lookup(Class<?> type, Collection<Class<?>> classes) {
        ClassLoader loader = type.getClassLoader();
        return loader == null ? null : lookup(loader, type, classes);
    }

    /** {@link #lookup(Class, Collection)} with the index and class files read through {@code loader}. */
    static String lookup(ClassLoader loader, Class<?> type, Collection<Class<?>> classes) {
        String text;
        try (InputStream in = loader.getResourceAsStream(DIRECTORY + type.getName() + ".json")) {
            if (in == null) {
                return null;
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null; // generate it instead
        }
        int newline = text.indexOf('\n');
        if (newline < 0) {
            return null;
        }
        String fingerprint = fingerprint(loader, classes);
        return fingerprint != null && text.substring(0, newline).equals(fingerprint) ? text.substring(newline + 1).strip() : null;
    }

    /** A checksum of the class files of {@code classes} and of the generator; null when one cannot be read. */
    static String fingerprint(ClassLoader loader, Collection<Class<?>> classes) {
        CRC32C crc = new CRC32C();
        Stream<String> names = Stream.concat(classes.stream().map(Class::getName), GENERATOR.stream()).distinct().sorted();
        for (String name : (Iterable<String>) names::iterator) {
            try (InputStream in = loader.getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    return null;
                }
                crc.update(name.getBytes(StandardCharsets.UTF_8));
                crc.update(in.readAllBytes());
            } catch (IOException e) {
                return null;
            }
        }
        return "crc32c:" + Long.toHexString(crc.getValue()) + ":" + classes.size();
    }

    /**
     * Writes the index of the records under a module's compiled classes into that directory.
     *
     * <pre>java -cp CLASSPATH org.openagention.core.internal.SchemaIndex target/classes</pre>
     *
     * A record whose schema cannot be generated is left out, silently: it is not a tool's arguments.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: SchemaIndex CLASSES_DIRECTORY");
            System.exit(2);
        }
        Path classes = Path.of(args[0]);
        Path out = classes.resolve(DIRECTORY);
        ClassLoader loader = SchemaIndex.class.getClassLoader();
        int written = 0;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class") && !p.startsWith(out))
                    .sorted(Comparator.naturalOrder()).toList();
        }
        if (Files.isDirectory(out)) {
            try (Stream<Path> old = Files.list(out)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
        }
        for (Path file : files) {
            String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
            name = name.substring(0, name.length() - ".class".length());
            if (name.endsWith("module-info") || name.endsWith("package-info")) {
                continue;
            }
            Class<?> type;
            try {
                type = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                continue;
            }
            if (!type.isRecord()) {
                continue;
            }
            String schema;
            String fingerprint;
            try {
                fingerprint = fingerprint(loader, ExpressibleTypes.check(type));
                schema = Schemas.generate(type);
            } catch (RuntimeException e) {
                continue; // not expressible: not a tool's arguments
            }
            if (fingerprint == null) {
                continue;
            }
            Files.createDirectories(out);
            try {
                Files.writeString(out.resolve(name + ".json"), fingerprint + "\n" + schema + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            written++;
        }
        System.out.println("SchemaIndex: " + written + " schemas in " + out);
    }
}
