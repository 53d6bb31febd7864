package io.homeward.itests.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeward.itests.ApiClient;
import io.homeward.itests.HomewardInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Finding a child in the staff UI, in headless Chromium against the real platform (Child Focus with its demo users,
 * a case worker working in Dutch): one box takes a case number or a name in any script; a name typed in Latin
 * letters finds the Greek and the Cyrillic child, each row saying whom it found and why; the filters narrow it, an
 * inverted date range is pointed out before anything is sent; what was typed survives going to a case and back and a
 * change of language; and a center's user administrator, who may not read cases, is not offered the search. The
 * steps build on each other, in order, in one browser; screenshots are left in {@code target/browser-screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SearchBrowserIT {

    private static final String CENTER = "child-focus";
    private static final String PASSWORD = "homeward-demo";

    @TempDir
    static Path folder;
    static HomewardInstance homeward;
    static ChromeDriver browser;
    static WebDriverWait wait;
    static String maria;
    static String olena;

    @BeforeAll
    static void startThePlatformWithAGreekAndAUkrainianChild() throws Exception {
        Chromium.assumeInstalled();
        homeward = HomewardInstance.layOut(folder);
        homeward.start("--features", CENTER, "--demo");
        ApiClient api = ApiClient.forCenter(homeward, CENTER);
        maria = opened(api, "HIGH", "Παπαδοπούλου", "Μαρία", "2012-05-04");
        olena = opened(api, "MEDIUM", "Шевченко", "Олена", "2013-07-07");
        browser = Chromium.start(folder.resolve("chromium-profile"), "nl");
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (browser != null) {
            browser.quit();
        }
        if (homeward != null) {
            homeward.stop();
        }
    }

    @AfterEach
    void screenshot(TestInfo test) throws IOException {
        if (browser != null) {
            Path shots = Path.of("target", "browser-screenshots");
            Files.createDirectories(shots);
            Files.write(shots.resolve("Search-" + test.getTestMethod().orElseThrow().getName() + ".png"),
                    browser.getScreenshotAs(OutputType.BYTES));
        }
    }

    @Test
    @Order(1)
    void oneBoxSaysItTakesACaseNumberOrANameInAnyScript() {
        signIn("child-focus.worker", "Mijn werk");
        click(By.cssSelector("a[data-nav='nav.search']"));
        waitForHeading("Dossiers zoeken");
        WebElement box = browser.findElement(By.id("search-q"));
        assertTrue(box.getAttribute("placeholder").contains("Maria Papadopoulou"), box.getAttribute("placeholder"));
        assertEquals("search-q-hint", box.getAttribute("aria-describedby"));
        assertTrue(text(By.id("search-q-hint")).contains("Παπαδοπούλου"), "the hint says any script works");
        for (String filter : List.of("search-country", "search-status", "search-type", "search-risk", "search-assignee",
                "search-overdue", "search-openedFrom", "search-openedTo", "search-bornFrom", "search-bornTo")) {
            assertTrue(browser.findElement(By.id(filter)).isDisplayed(), filter);
        }
    }

    @Test
    @Order(2)
    void aNameInLatinLettersFindsTheGreekAndTheCyrillicChildWithTheReason() {
        search("Papadopoulou");
        WebElement row = row(maria);
        assertTrue(row.findElement(By.cssSelector(".found-by")).getText().contains("Μαρία Παπαδοπούλου"), row.getText());
        assertEquals("Zelfde naam", row.findElement(By.cssSelector(".found-by .badge.reason")).getText());
        assertTrue(row.getText().contains("België"), "the country: " + row.getText());
        assertTrue(row.findElement(By.cssSelector(".badge.status")).isDisplayed(), "the status");

        search("Shevchenko");
        assertEquals("Zelfde naam", row(olena).findElement(By.cssSelector(".found-by .badge.reason")).getText());
        assertTrue(row(olena).getText().contains("Олена Шевченко"), row(olena).getText());

        search("Papadopulu");
        assertEquals("Vergelijkbare spelling", row(maria).findElement(By.cssSelector(".found-by .badge.reason")).getText(),
                "a misspelling is found and said to be one");
    }

    @Test
    @Order(3)
    void theFiltersNarrowTheSearchAndAnInvertedRangeIsPointedOutFirst() {
        type(By.id("search-q"), "Papadopoulou");
        new Select(browser.findElement(By.id("search-risk"))).selectByVisibleText("Hoog");
        setDate("search-bornFrom", "2012-01-01");
        setDate("search-bornTo", "2012-12-31");
        submit();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".result-count"), "van 1"));
        row(maria);

        new Select(browser.findElement(By.id("search-risk"))).selectByVisibleText("Gemiddeld");
        submit();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".result-count"),
                "Geen dossier gevonden"));

        setDate("search-bornFrom", "2013-01-01");
        setDate("search-bornTo", "2012-01-01");
        click(By.cssSelector("form.search button[type=submit]"));
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search-range-error")));
        assertTrue(error.getText().contains("„Geboren vanaf” ligt na „Geboren tot en met”"), error.getText());
        assertEquals("true", browser.findElement(By.id("search-bornFrom")).getAttribute("aria-invalid"));
        assertEquals("search-bornFrom", browser.switchTo().activeElement().getAttribute("id"), "the focus is on it");

        setDate("search-bornFrom", "");
        setDate("search-bornTo", "");
        new Select(browser.findElement(By.id("search-risk"))).selectByIndex(0);
        submit();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".result-count"), "van 1"));
        assertTrue(browser.findElement(By.id("search-range-error")).getAttribute("hidden") != null, "the error is gone");
    }

    @Test
    @Order(4)
    void whatWasTypedSurvivesACaseVisitAndAChangeOfLanguage() {
        row(maria).findElement(By.cssSelector("a")).click();
        wait.until(d -> d.findElement(By.cssSelector("main h1")).getText().startsWith("Dossier "));
        click(By.cssSelector("a[data-nav='nav.search']"));
        waitForHeading("Dossiers zoeken");
        assertEquals("Papadopoulou", browser.findElement(By.id("search-q")).getAttribute("value"));
        row(maria);

        type(By.id("search-q"), "Maria Παπαδ");
        new Select(browser.findElement(By.id("language-select"))).selectByVisibleText("Français");
        waitForHeading("Rechercher des dossiers");
        assertEquals("Maria Παπαδ", browser.findElement(By.id("search-q")).getAttribute("value"),
                "typed, not yet searched, and still there");
        submit();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".result-count"), "sur 1"));
        String reason = row(maria).findElement(By.cssSelector(".found-by .badge.reason")).getText();
        assertTrue(List.of("Même nom", "Début du nom").contains(reason), "a French reason: " + reason);
        new Select(browser.findElement(By.id("language-select"))).selectByVisibleText("Nederlands");
        waitForHeading("Dossiers zoeken");
    }

    @Test
    @Order(5)
    void aUserAdministratorIsNotOfferedTheSearch() {
        click(By.xpath("//header[@id='topbar']//button[normalize-space()='Afmelden']"));
        waitForHeading("Aanmelden");
        signIn("child-focus.admin", null);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("topbar")));
        assertTrue(browser.findElements(By.cssSelector("a[data-nav='nav.search']")).isEmpty(),
                "no search for a role that may not read cases");
        browser.executeScript("location.hash = '#/search'");
        wait.until(d -> !d.getCurrentUrl().endsWith("#/search"));
        assertTrue(browser.findElements(By.id("search-q")).isEmpty(), "nor by its address");
    }

    private static void signIn(String username, String heading) {
        browser.get(homeward.uri("/").toString());
        type(By.id("username"), username);
        type(By.id("password"), PASSWORD);
        click(By.cssSelector("form.login button[type=submit]"));
        if (heading != null) {
            waitForHeading(heading);
        }
    }

    /** Searches for a text with no filters set and waits for the first result. */
    private static void search(String text) {
        type(By.id("search-q"), text);
        submit();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.cases td.found-by")));
    }

    private static void submit() {
        WebElement before = browser.findElement(By.id("search-results")).findElements(By.cssSelector("*")).stream()
                .findFirst().orElse(null);
        click(By.cssSelector("form.search button[type=submit]"));
        if (before != null) {
            // the results are drawn anew: wait until the old ones are gone
            wait.until(ExpectedConditions.stalenessOf(before));
        }
    }

    /** @return the result row of a case, once shown */
    private static WebElement row(String caseId) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//table[contains(@class,'cases')]//tr[.//a[@href='#/case/" + caseId + "']]")));
    }

    /** Sets a date input as a picker would: typing into one depends on the browser's locale. */
    private static void setDate(String id, String isoDate) {
        browser.executeScript("const input = document.getElementById(arguments[0]); input.value = arguments[1];"
                + " input.dispatchEvent(new Event('input', { bubbles: true }));", id, isoDate);
    }

    private static void waitForHeading(String expected) {
        wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), expected));
    }

    private static String text(By by) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(by)).getText();
    }

    private static void type(By by, String value) {
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(by));
        input.clear();
        input.sendKeys(value);
    }

    private static void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    private static String opened(ApiClient api, String risk, String familyName, String givenName, String born)
            throws Exception {
        ApiClient.Response opened = api.post("/api/v1/cases", Map.of("centerId", CENTER, "category", "runaway",
                "riskLevel", risk, "riskReason", "left the reception centre after a dispute",
                "fields", Map.of("last-seen-place", "Gent"), "persons", List.of(Map.of("role", "CHILD",
                        "familyName", familyName, "givenName", givenName, "dateOfBirth", born))));
        assertEquals(201, opened.status(), String.valueOf(opened.body()));
        return opened.body().get("id").asText();
    }
}
