package io.homeward.itests.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeward.itests.ApiClient;
import io.homeward.itests.HomewardInstance;
import io.homeward.itests.RunawayCases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * The referral and transfer panels of the staff UI in headless Chromium against the real platform (Child Focus and
 * The Smile of the Child, demo users): a Child Focus supervisor, working in Dutch, sees what the police referral
 * pack lacks, sends it, marks it acknowledged and asks The Smile of the Child to share the case; the Greek
 * supervisor finds the request in "My work", in Greek, accepts it and can then open the case. A screenshot of the
 * end is left in {@code target/browser-screenshots/}.
 */
class ReferralsBrowserIT {

    @TempDir
    Path folder;

    @Test
    void aSupervisorRefersACaseToThePoliceAndSharesItWithAnotherCenterWhichAccepts() throws Exception {
        Chromium.assumeInstalled();
        try (HomewardInstance homeward = HomewardInstance.layOut(folder)) {
            homeward.start("--features", "child-focus,smile-of-the-child", "--demo");
            ApiClient.Response opened = ApiClient.forCenter(homeward, RunawayCases.CENTER).post("/api/v1/cases",
                    RunawayCases.intake("Verwijzing"));
            assertEquals(201, opened.status(), String.valueOf(opened.body()));
            String caseId = opened.body().get("id").asText();
            String number = opened.body().get("number").asText();
            ChromeDriver browser = Chromium.start(folder.resolve("chromium-profile"), "en");
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
                signIn(browser, wait, homeward, "child-focus.supervisor", "Mijn werk");
                browser.executeScript("location.hash = arguments[0]", "#/case/" + caseId);
                wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Dossier " + number));

                assertEquals("Doorverwijzing naar de politie", text(wait, By.id("referral-h")));
                assertTrue(text(wait, By.cssSelector("ul.missing")).contains("voeg minstens een van deze toe"),
                        "what the pack lacks, in the platform's Dutch words");
                click(wait, By.xpath("//section[@aria-labelledby='referral-h']//summary"));
                type(wait, By.cssSelector("section[aria-labelledby='referral-h'] [name=agency]"), "Federale Politie");
                click(wait, By.cssSelector("section[aria-labelledby='referral-h'] details form button[type=submit]"));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"),
                        "Het dossier is naar Federale Politie gestuurd."));
                WebElement referral = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ul.referrals li")));
                assertTrue(referral.getText().contains("Verstuurd"), referral.getText());
                assertTrue(referral.findElement(By.linkText("Dossier als PDF")).getAttribute("href")
                        .endsWith("/pdf"));
                click(wait, By.xpath("//ul[@class='referrals']//button[normalize-space()='Als ontvangen markeren']"));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("ul.referrals li"),
                        "Ontvangen"));

                click(wait, By.xpath("//section[@aria-labelledby='transfer-h']//summary"));
                new Select(browser.findElement(By.cssSelector("section[aria-labelledby='transfer-h'] [name=toCenterId]")))
                        .selectByVisibleText("The Smile of the Child");
                type(wait, By.cssSelector("section[aria-labelledby='transfer-h'] [name=reason]"), "gezien in Athene");
                click(wait, By.cssSelector("section[aria-labelledby='transfer-h'] button[type=submit]"));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("ul.transfers"),
                        "Wacht op een beslissing"));
                click(wait, By.xpath("//header[@id='topbar']//button[normalize-space()='Afmelden']"));

                signIn(browser, wait, homeward, "smile-of-the-child.supervisor", "Η δουλειά μου");
                WebElement incoming = wait.until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("section[aria-labelledby='incoming-h']")));
                assertTrue(incoming.getText().contains("Αιτήματα προς το κέντρο σας") && incoming.getText()
                        .contains(number) && incoming.getText().contains("gezien in Athene"), incoming.getText());
                type(wait, By.cssSelector("section[aria-labelledby='incoming-h'] [name=reason]"), "θα το δούμε");
                click(wait, By.xpath("//section[@aria-labelledby='incoming-h']//button[normalize-space()='Αποδοχή']"));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Έγινε δεκτό"));
                browser.executeScript("location.hash = arguments[0]", "#/case/" + caseId);
                wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Υπόθεση " + number));
                assertTrue(text(wait, By.cssSelector("ul.transfers")).contains("Έγινε δεκτό"));
                // shared, not transferred: the page offers reading only, no workflow step or edit
                assertTrue(text(wait, By.cssSelector("section[aria-labelledby='actions-h']"))
                        .contains("Η υπόθεση ανήκει σε άλλο κέντρο"));
                assertTrue(browser.findElements(By.cssSelector("form.action-form")).isEmpty());
            } finally {
                Path shots = Path.of("target", "browser-screenshots");
                Files.createDirectories(shots);
                Files.write(shots.resolve("referrals.png"), browser.getScreenshotAs(OutputType.BYTES));
                browser.quit();
            }
        }
    }

    /** Signs in and waits for "My work", in the user's language, which the app shows first. */
    private static void signIn(ChromeDriver browser, WebDriverWait wait, HomewardInstance homeward, String username,
            String myWork) {
        browser.get(homeward.uri("/").toString());
        type(wait, By.id("username"), username);
        type(wait, By.id("password"), "homeward-demo");
        click(wait, By.cssSelector("form.login button[type=submit]"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), myWork));
    }

    private static String text(WebDriverWait wait, By by) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(by)).getText();
    }

    private static void type(WebDriverWait wait, By by, String value) {
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(by));
        input.clear();
        input.sendKeys(value);
    }

    private static void click(WebDriverWait wait, By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }
}
