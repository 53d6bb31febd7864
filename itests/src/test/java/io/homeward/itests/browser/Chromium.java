package io.homeward.itests.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless chromium driven through its chromedriver ({@code apt-get install chromium chromium-driver},
 * which {@code .ci/run} does). Without them a browser test is skipped with the reason, never passed silently.
 */
final class Chromium {

    static final Path BROWSER = Path.of(System.getProperty("homeward.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("homeward.chromedriver", "/usr/bin/chromedriver"));

    private Chromium() {
    }

    /** Skips the calling test class (JUnit assumption, printed) when chromium or chromedriver is missing. */
    static void assumeInstalled() {
        boolean installed = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
        if (!installed) {
            System.out.println("Browser tests skipped: " + BROWSER + " and " + DRIVER
                    + " are needed (apt-get install -y chromium chromium-driver; .ci/run installs them)");
        }
        assumeTrue(installed, "chromium and chromium-driver are not installed: " + BROWSER + ", " + DRIVER);
    }

    /** A fresh headless browser with its own profile, asking for pages in the given language. */
    static ChromeDriver start(Path profile, String acceptLanguage) throws IOException {
        Files.createDirectories(profile);
        ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile());
        // the flags that work in containers and CI: no sandbox or GPU, no background traffic of the browser's own
        options.addArguments(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,1000", "--lang=" + acceptLanguage));
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguage));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
