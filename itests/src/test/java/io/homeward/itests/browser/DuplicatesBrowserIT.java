package io.homeward.itests.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeward.itests.ApiClient;
import io.homeward.itests.HomewardInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Possible duplicates in the staff UI, in headless Chromium against the real platform (The Smile of the Child, demo
 * users, working in Greek). At intake, on a phone-sized screen, an operator types a child's name in Latin letters and
 * sees, while typing, the case opened for her in Greek letters, with why it is proposed — and what she typed stays
 * in the form. On the case page a supervisor decides that a proposed case is not the same child, with a reason, and
 * undoes it. Screenshots are left in {@code target/browser-screenshots/}.
 */
class DuplicatesBrowserIT {

    private static final String GR = "smile-of-the-child";

    @TempDir
    static Path folder;
    static HomewardInstance homeward;
    static String greek;
    static String greekNumber;
    static String latin;
    static String latinNumber;

    @BeforeAll
    static void startThePlatformWithTwoCasesOfOneChild() throws Exception {
        Chromium.assumeInstalled();
        homeward = HomewardInstance.layOut(folder);
        homeward.start("--features", GR, "--demo");
        ApiClient supervisor = ApiClient.forCenter(homeward, GR);
        ApiClient.Response one = supervisor.post("/api/v1/cases", intake("Παπαδοπούλου", "Μαρία"));
        assertEquals(201, one.status(), String.valueOf(one.body()));
        greek = one.body().get("id").asText();
        greekNumber = one.body().get("number").asText();
        ApiClient.Response other = supervisor.post("/api/v1/cases", intake("Papadopoulou", "Maria"));
        assertEquals(201, other.status(), String.valueOf(other.body()));
        latin = other.body().get("id").asText();
        latinNumber = other.body().get("number").asText();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (homeward != null) {
            homeward.stop();
        }
    }

    @Test
    void typingAKnownChildsNameShowsHerCaseWithItsReasonsAndKeepsWhatWasTyped() throws Exception {
        ChromeDriver browser = Chromium.start(folder.resolve("intake-profile"), "en");
        try {
            browser.manage().window().setSize(new Dimension(390, 844));
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            signIn(browser, wait, "smile-of-the-child.operator");
            browser.executeScript("location.hash = '#/intake'");
            wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Νέα υπόθεση"));
            assertTrue(browser.findElement(By.cssSelector("section.matches")).getAttribute("hidden") != null,
                    "no panel before a name is typed");

            type(wait, By.name("child.familyName"), "Papad");
            WebElement candidate = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("section.matches li.candidate[data-case='" + greek + "']")));
            assertTrue(candidate.getText().contains("Το όνομα αρχίζει το ίδιο"), "while typing: " + candidate.getText());

            type(wait, By.name("child.familyName"), "opoulou");
            type(wait, By.name("child.givenName"), "Maria");
            // the date input takes the digits in the browser's order (en: month, day, year)
            type(wait, By.name("child.dateOfBirth"), "05042012");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("section.matches li.candidate[data-case='" + greek + "']"), "Ίδια ημερομηνία γέννησης"));
            candidate = browser.findElement(By.cssSelector("section.matches li.candidate[data-case='" + greek + "']"));
            String shown = candidate.getText();
            assertTrue(shown.contains(greekNumber) && shown.contains("Μαρία Παπαδοπούλου") && shown.contains("Ίδιο όνομα")
                    && shown.contains("Ελλάδα"), shown);
            assertEquals(2, browser.findElements(By.cssSelector("section.matches li.candidate")).size(),
                    "both cases of the child, in either script");
            assertTrue(text(wait, By.cssSelector("section.matches [aria-live]")).contains("2"),
                    "the count is said in words");

            assertEquals("Papadopoulou", browser.findElement(By.name("child.familyName")).getAttribute("value"));
            assertEquals("Maria", browser.findElement(By.name("child.givenName")).getAttribute("value"));
            assertEquals("2012-05-04", browser.findElement(By.name("child.dateOfBirth")).getAttribute("value"));
            assertEquals(Boolean.TRUE, browser.executeScript(
                    "return document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling on a phone");

            click(wait, By.linkText("Άνοιγμα της υπόθεσης " + greekNumber + " αντί για νέα"));
            wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Υπόθεση " + greekNumber));
            assertEquals(Boolean.TRUE, browser.executeScript("return document.documentElement.scrollWidth"
                    + " <= window.innerWidth"), "the case page does not scroll sideways on a phone either");
            // an operator reads the possible same child but does not decide
            assertTrue(text(wait, By.cssSelector("section.same-child")).contains(latinNumber));
            assertTrue(browser.findElements(By.cssSelector("section.same-child button[data-decision]")).isEmpty());
        } finally {
            finish(browser, "duplicates-intake.png");
        }
    }

    @Test
    void aSupervisorDecidesAProposedCaseIsNotTheSameChildAndUndoesIt() throws Exception {
        ChromeDriver browser = Chromium.start(folder.resolve("case-profile"), "en");
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            signIn(browser, wait, "smile-of-the-child.supervisor");
            browser.executeScript("location.hash = arguments[0]", "#/case/" + latin);
            wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Υπόθεση " + latinNumber));
            assertEquals("Πιθανώς το ίδιο παιδί", text(wait, By.id("same-child-h")));
            String candidate = "section.same-child li.candidate[data-case='" + greek + "']";
            click(wait, By.cssSelector(candidate + " button[data-decision='not-same']"));
            click(wait, By.cssSelector(candidate + " form button[type=submit]"));
            assertTrue(text(wait, By.cssSelector(candidate + " .field-error")).contains("υποχρεωτικό"),
                    "a reason is asked for before anything is recorded");
            type(wait, By.cssSelector(candidate + " textarea[name=reason]"), "δίδυμες αδελφές");
            click(wait, By.cssSelector(candidate + " form button[type=submit]"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Καταχωρίστηκε"));

            WebElement decision = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("section.same-child li.case-link")));
            assertTrue(decision.getText().contains("Όχι το ίδιο παιδί με την υπόθεση " + greekNumber)
                    && decision.getText().contains("δίδυμες αδελφές"), decision.getText());
            assertTrue(browser.findElements(By.cssSelector(candidate)).isEmpty(), "no longer proposed");
            assertTrue(text(wait, By.cssSelector("ol.timeline")).contains("Όχι το ίδιο παιδί με άλλη υπόθεση"));

            click(wait, By.cssSelector("section.same-child li.case-link summary"));
            type(wait, By.cssSelector("section.same-child li.case-link textarea[name=reason]"), "λάθος");
            click(wait, By.cssSelector("section.same-child li.case-link form button[type=submit]"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "αναιρέθηκε"));
            assertTrue(text(wait, By.cssSelector("section.same-child li.case-link")).contains("Αναιρέθηκε από"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(candidate)));
            assertTrue(text(wait, By.cssSelector("ol.timeline")).contains("Η απόφαση «το ίδιο παιδί» αναιρέθηκε"));
        } finally {
            finish(browser, "duplicates-case.png");
        }
    }

    private static Map<String, Object> intake(String familyName, String givenName) {
        return Map.of("centerId", GR, "category", "runaway", "riskLevel", "HIGH",
                "riskReason", "left the children's home at night", "fields", Map.of("police-station", "Omonia"),
                "persons", List.of(Map.of("role", "CHILD", "familyName", familyName, "givenName", givenName,
                        "sex", "FEMALE", "dateOfBirth", "2012-05-04")));
    }

    /** Signs in and waits for "My work", in Greek, which the app shows first. */
    private static void signIn(ChromeDriver browser, WebDriverWait wait, String username) {
        browser.get(homeward.uri("/").toString());
        type(wait, By.id("username"), username);
        type(wait, By.id("password"), "homeward-demo");
        click(wait, By.cssSelector("form.login button[type=submit]"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Η δουλειά μου"));
    }

    private static void finish(ChromeDriver browser, String screenshot) throws Exception {
        try {
            Path shots = Path.of("target", "browser-screenshots");
            Files.createDirectories(shots);
            Files.write(shots.resolve(screenshot), browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
        }
    }

    private static String text(WebDriverWait wait, By by) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(by)).getText();
    }

    /** Types into an input, after what it holds already. */
    private static void type(WebDriverWait wait, By by, String value) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).sendKeys(value);
    }

    private static void click(WebDriverWait wait, By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }
}
