// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in headless Chromium (Debian's chromium and chromedriver, driven over WebDriver):
 * a real {@code openagention run --web-approvals} process works on a repository against a scripted
 * model; the page shows it progress live, the person tabs to Allow and presses Enter, the run
 * continues to its end, and the report opens. The window is phone-narrow throughout, and the
 * page logs no console errors. Skipped without chromium and chromedriver, except under CI=true.
 */
class ConsoleBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void personWatchesARunApprovesItsCommandFromTheKeyboardAndSeesItFinish(@TempDir Path tmp) throws Exception {
        Path chromedriver = Path.of("/usr/bin/chromedriver");
        Path chromium = Chromium.executable();
        if (!Files.isExecutable(chromedriver)) {
            String why = "chromedriver is not installed (apt-get install -y chromium-driver)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(why + ", and CI=true requires the console's browser test to run");
            }
            Assumptions.abort(why + ": skipping the console's browser test");
        }
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(repo.resolve("notes.txt"), "Remember the milk.\n");
        Path journals = repo.resolve(".openagention").resolve("runs");
        Files.createDirectories(journals);
        try (ScriptedChat model = new ScriptedChat();
                ConsoleServer server = new ConsoleServer(journals, InetAddress.getLoopbackAddress(), 0, Clock.systemUTC())) {
            model.enqueue(ScriptedChat.Reply.call("read_file", "{\"path\":\"notes.txt\"}"),
                    ScriptedChat.Reply.call("shell", "{\"command\":\"echo approved-from-the-browser\"}"),
                    ScriptedChat.Reply.text("All done: the notes are fine."));
            WebDriver driver = chrome(chromium, chromedriver, tmp.resolve("profile"));
            try {
                WebDriverWait wait = new WebDriverWait(driver, WAIT);
                driver.get(server.url());
                wait.until(d -> d.findElement(By.id("connection")).getText().equals("Live"));
                assertThat(driver.findElement(By.id("no-runs")).isDisplayed()).isTrue();

                Cli.Running run = Cli.start(repo, Map.of("OPENAI_BASE_URL", model.baseUrl(), "OPENAI_API_KEY", "k"),
                        "run", "Check the notes", "--repo", repo.toString(), "--web-approvals", "--progress", "plain");

                // Live progress: the run appears, its read is done, and its command waits for a decision.
                WebElement card = wait.until(d -> d.findElement(By.cssSelector("li.run[data-status=WAITING]")));
                assertThat(card.getText()).contains("Check the notes", "Waiting for approval", "read_file");
                WebElement approval = wait.until(d -> d.findElement(By.cssSelector("li.approval")));
                assertThat(approval.getText()).contains("shell", "echo approved-from-the-browser");
                assertThat(noHorizontalScroll(driver)).as("no horizontal scroll at 375px").isTrue();

                // Keyboard only: Tab to the Allow button, press Enter.
                WebElement allow = approval.findElement(By.cssSelector("button.allow"));
                assertThat(allow.getAttribute("aria-label")).startsWith("Allow shell in run ");
                for (int i = 0; i < 30 && !allow.equals(driver.switchTo().activeElement()); i++) {
                    new Actions(driver).sendKeys(Keys.TAB).perform();
                }
                assertThat(driver.switchTo().activeElement()).as("Tab reaches the Allow button").isEqualTo(allow);
                new Actions(driver).sendKeys(Keys.ENTER).perform();

                wait.until(d -> d.findElement(By.id("decided")).getText().startsWith("Allowed shell"));
                WebElement done = wait.until(d -> d.findElement(By.cssSelector("li.run[data-status=COMPLETED]")));
                assertThat(done.getText()).contains("approved-from-the-browser");
                assertThat(driver.findElements(By.cssSelector("li.approval"))).isEmpty();
                Cli.Outcome outcome = run.outcome();
                assertThat(outcome.exitCode()).as("the run's exit code; its output:\n%s\n%s", outcome.out(), outcome.err())
                        .isZero();
                assertThat(outcome.out()).contains("All done: the notes are fine.");
                assertThat(noHorizontalScroll(driver)).isTrue();
                assertThat(Integer.parseInt(driver.findElement(By.tagName("body")).getAttribute("data-updates")))
                        .as("the page was updated live, several times").isGreaterThan(2);

                List<String> errors = severe(driver);
                driver.findElement(By.partialLinkText("Report of run")).click();
                wait.until(d -> d.getPageSource().contains("Check the notes"));
                assertThat(errors).as("console errors on the console page").isEmpty();
            } finally {
                driver.quit();
            }
        }
    }

    private static WebDriver chrome(Path chromium, Path chromedriver, Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=375,812");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver.toString())).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(375, 812));
        return driver;
    }

    private static boolean noHorizontalScroll(WebDriver driver) {
        Object fits = ((JavascriptExecutor) driver).executeScript(
                "return window.innerWidth <= 400 && document.documentElement.scrollWidth <= window.innerWidth;");
        return Boolean.TRUE.equals(fits);
    }

    private static List<String> severe(WebDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }
}
