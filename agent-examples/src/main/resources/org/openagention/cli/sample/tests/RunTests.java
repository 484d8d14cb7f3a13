import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The test runner, with nothing but the JDK: {@code java tests/RunTests.java [TestClass...]}.
 * Compiles src/ and tests/ into a temporary directory, then runs every public static method whose
 * name starts with "test" in each *Test class (or only the classes named). Exit code 0 when every
 * test passed, 1 when one failed, 2 when the code does not compile.
 */
public class RunTests {
    public static void main(String[] args) throws Exception {
        Path out = Files.createTempDirectory("shop-tests");
        try {
            System.exit(run(args, out));
        } finally {
            try (Stream<Path> files = Files.walk(out)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static int run(String[] only, Path out) throws Exception {
        List<String> javac = new ArrayList<>(List.of("-d", out.toString(), "-encoding", "UTF-8"));
        List<String> testClasses = new ArrayList<>();
        for (Path p : sources()) {
            javac.add(p.toString());
            String name = p.getFileName().toString().replace(".java", "");
            if (p.startsWith("tests") && name.endsWith("Test")
                    && (only.length == 0 || Arrays.asList(only).contains(name))) {
                testClasses.add(name);
            }
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler.run(null, null, null, javac.toArray(new String[0])) != 0) {
            System.out.println("COMPILATION FAILED");
            return 2;
        }
        int passed = 0;
        int failed = 0;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()})) {
            for (String name : testClasses) {
                Method[] methods = loader.loadClass(name).getDeclaredMethods();
                Arrays.sort(methods, Comparator.comparing(Method::getName));
                for (Method m : methods) {
                    if (!m.getName().startsWith("test") || !Modifier.isStatic(m.getModifiers())) {
                        continue;
                    }
                    try {
                        m.invoke(null);
                        passed++;
                        System.out.println("PASS " + name + "." + m.getName());
                    } catch (InvocationTargetException e) {
                        failed++;
                        System.out.println("FAIL " + name + "." + m.getName() + ": " + e.getCause());
                    }
                }
            }
        }
        System.out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    private static List<Path> sources() throws IOException {
        List<Path> all = new ArrayList<>();
        for (String dir : List.of("src", "tests")) {
            try (Stream<Path> files = Files.walk(Path.of(dir))) {
                files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("RunTests.java")).sorted()
                        .forEach(all::add);
            }
        }
        return all;
    }
}
