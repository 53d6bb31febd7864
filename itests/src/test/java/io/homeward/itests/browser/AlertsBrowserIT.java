package io.homeward.itests.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeward.itests.AlertsIT;
import io.homeward.itests.ApiClient;
import io.homeward.itests.HomewardInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The alert panel of the staff UI in headless Chromium against the real platform (Child Focus, demo users): an alert
 * requested by the demo case worker and approved by the demo supervisor is issued from the case page, where the
 * supervisor chooses the public photo among the case's images — "no photo" unless one is chosen — and the choice is
 * what the alert records. A screenshot of the end is left in {@code target/browser-screenshots/}.
 */
class AlertsBrowserIT {

    @TempDir
    Path folder;

    @Test
    void theIssuerChoosesThePhotoAmongTheCaseImages() throws Exception {
        Chromium.assumeInstalled();
        try (HomewardInstance homeward = HomewardInstance.layOut(folder)) {
            homeward.start("--features", "child-focus", "--demo");
            // ready means the demo users are there: they can sign in at once (before, the seeding was not part of
            // readiness, and this test polled for the users)
            homeward.awaitReady();
            ApiClient worker = ApiClient.withToken(homeward, ApiClient.issueToken(homeward, "child-focus.worker"));
            ApiClient supervisor = ApiClient.withToken(homeward, ApiClient.issueToken(homeward,
                    "child-focus.supervisor"));
            String[] withPhoto = AlertsIT.openCaseWithPhoto(worker);
            String caseId = withPhoto[0];
            ApiClient.Response document = worker.send("POST", "/api/v1/cases/" + caseId
                    + "/attachments?filename=statement.txt", "text/plain",
                    java.net.http.HttpRequest.BodyPublishers.ofString("a witness statement"));
            assertEquals(201, document.status(), String.valueOf(document.body()));
            ApiClient.Response current = worker.get("/api/v1/cases/" + caseId);
            assertEquals(200, worker.send("PATCH", "/api/v1/cases/" + caseId, Map.of("fields",
                    Map.of("police-reference", "BR.12.LB.1/26")), "If-Match", "\"" + current.body().get("version")
                    .asText() + "\"").status());
            ApiClient.Response requested = worker.post("/api/v1/alerts", Map.of("caseId", caseId,
                    "reason", "taken into a grey van at the school gate"));
            assertEquals(201, requested.status(), String.valueOf(requested.body()));
            String alertId = requested.body().get("id").asText();
            ApiClient.Response approved = supervisor.post("/api/v1/alerts/" + alertId + "/decision", Map.of(
                    "approve", true, "reasons", "prosecutor agreed", "urgency", "IMMEDIATE", "severity", "SEVERE",
                    "certainty", "LIKELY"));
            assertEquals(200, approved.status(), String.valueOf(approved.body()));

            ChromeDriver browser = Chromium.start(folder.resolve("chromium-profile"), "en");
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
                browser.get(homeward.uri("/").toString());
                type(wait, By.id("username"), "child-focus.supervisor");
                type(wait, By.id("password"), "homeward-demo");
                wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("form.login button[type=submit]")))
                        .click();
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main h1")));
                browser.executeScript("location.hash = arguments[0]", "#/case/" + caseId);
                Select photo = new Select(wait.until(ExpectedConditions.elementToBeClickable(
                        By.cssSelector("li[data-alert] select[name=photoId]"))));
                List<String> offered = photo.getOptions().stream().map(WebElement::getText).toList();
                assertEquals(2, offered.size(), "no photo, and the one image; never the text document: " + offered);
                assertEquals("noor.png", offered.get(1));
                assertEquals("", photo.getFirstSelectedOption().getAttribute("value"), "no photo unless chosen");
                photo.selectByVisibleText("noor.png");
                browser.findElement(By.cssSelector("li[data-alert] select[name=photoId]"))
                        .findElement(By.xpath("ancestor::form//button[@type='submit']")).click();
                wait.until(ExpectedConditions.invisibilityOfElementLocated(
                        By.cssSelector("li[data-alert] select[name=photoId]")));
            } finally {
                Path shots = Path.of("target", "browser-screenshots");
                Files.createDirectories(shots);
                Files.write(shots.resolve("alerts.png"), browser.getScreenshotAs(OutputType.BYTES));
                browser.quit();
            }
            ApiClient.Response issued = worker.get("/api/v1/alerts/" + alertId);
            assertEquals("ACTIVE", issued.body().get("status").asText());
            assertEquals(withPhoto[1], issued.body().get("photoId").asText(), "the photo chosen in the page");
        }
    }

    private static void type(WebDriverWait wait, By by, String value) {
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(by));
        input.clear();
        input.sendKeys(value);
    }
}
