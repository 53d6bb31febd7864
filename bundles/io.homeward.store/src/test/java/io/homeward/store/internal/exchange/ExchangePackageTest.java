package io.homeward.store.internal.exchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeward.casemodel.CaseType;
import io.homeward.casemodel.PersonDetails;
import io.homeward.casemodel.PersonRole;
import io.homeward.casemodel.RiskLevel;
import io.homeward.casemodel.Sex;
import io.homeward.casemodel.exchange.PackageRefusedException.Reason;
import io.homeward.casemodel.exchange.PackageRefusedException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The package format and its Ed25519 signatures, without a database. */
class ExchangePackageTest {

    private static final ExchangePackage PACKAGE = new ExchangePackage(UUID.randomUUID(), "child-focus-be",
            "smile-athens", Instant.parse("2026-03-01T10:00:00Z"), "smile-of-the-child", "CF-2026-000001",
            CaseType.RUNAWAY, "BE", RiskLevel.HIGH, "left a note", Map.of("last-seen-place", "Brussels-North"),
            List.of(new PersonDetails(PersonRole.CHILD, "Janssens", "Emma", Sex.FEMALE, LocalDate.of(2012, 5, 4),
                    "red coat", null)), "seen boarding a bus to Athens");

    @Test
    void aPackageReadsBackAsWritten() {
        assertEquals(PACKAGE, ExchangePackage.parse(PACKAGE.toJson()));
        assertArrayEquals(PACKAGE.toJson(), PACKAGE.toJson(), "the same package, the same bytes");
    }

    @Test
    void aSignatureVerifiesOverTheExactBytesOnlyAndWithTheSignersKeyOnly() {
        KeyPair signer = ExchangeKeys.generate();
        byte[] content = PACKAGE.toJson();
        byte[] signature = ExchangeKeys.sign(ExchangeKeys.privateKey(ExchangeKeys.encode(signer.getPrivate())), content);
        var publicKey = ExchangeKeys.publicKey(ExchangeKeys.encode(signer.getPublic()));

        assertTrue(ExchangeKeys.verify(publicKey, content, signature));
        byte[] tampered = content.clone();
        tampered[tampered.length / 2] ^= 1;
        assertFalse(ExchangeKeys.verify(publicKey, tampered, signature), "one bit changed");
        assertFalse(ExchangeKeys.verify(ExchangeKeys.generate().getPublic(), content, signature), "another key");
        assertFalse(ExchangeKeys.verify(publicKey, content, new byte[] {1, 2, 3}), "not a signature");
    }

    @Test
    void aKeyThatIsNoEd25519KeyIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExchangeKeys.publicKey("bm90IGEga2V5"));
        assertTrue(e.getMessage().contains("Ed25519"), e.getMessage());
    }

    @Test
    void malformedPackagesAreRefusedNamingTheProblem() {
        String valid = new String(PACKAGE.toJson(), StandardCharsets.UTF_8);
        Map<String, String> problems = Map.of(
                "not json", "not JSON",
                "[1]", "not a JSON object",
                valid.replace(ExchangePackage.FORMAT, "homeward-exchange/9"), "format is homeward-exchange/9",
                valid.replace("\"sender\":\"child-focus-be\",", ""), "sender is required",
                valid.replace("\"RUNAWAY\"", "\"LOST\""), "case.type is not one of",
                valid.replace("2012-05-04", "4 May 2012"), "case.persons[0].dateOfBirth is not a date",
                valid.replace(PACKAGE.packageId().toString(), "42"), "packageId is not a UUID",
                valid.replace("\"Brussels-North\"", "7"), "case.fields.last-seen-place is not a string",
                valid.replace("\"recipient\":\"smile-athens\",", ""), "recipient is required");
        problems.forEach((json, problem) -> {
            PackageRefusedException e = assertThrows(PackageRefusedException.class,
                    () -> ExchangePackage.parse(json.getBytes(StandardCharsets.UTF_8)), json);
            assertEquals(Reason.MALFORMED, e.reason());
            assertTrue(e.getMessage().contains(problem), e.getMessage() + " should say " + problem);
        });
    }

    @Test
    void contentBeyondWhatTheReceiverCanStoreIsMalformedNamingTheMember() {
        String valid = new String(PACKAGE.toJson(), StandardCharsets.UTF_8);
        String id101 = "x".repeat(101);
        String text20001 = "y".repeat(20_001);
        Map<String, String> problems = Map.of(
                valid.replace("CF-2026-000001", id101), "case.reference is longer than 100 characters",
                valid.replace("\"smile-of-the-child\"", "\"" + id101 + "\""),
                "targetCenter is longer than 100 characters",
                valid.replace("seen boarding a bus to Athens", text20001), "case.message is longer than 20000",
                valid.replace("Brussels-North", text20001), "case.fields.last-seen-place is longer than 20000",
                valid.replace("\"last-seen-place\"", "\"" + id101 + "\""), "a field id of case.fields is longer",
                valid.replace("Janssens", "z".repeat(201)), "case.persons[0].familyName is longer than 200",
                valid.replace("red coat", text20001), "case.persons[0].description is longer than 20000",
                valid.replace("smile-athens", id101), "recipient is longer than 100");
        problems.forEach((json, problem) -> {
            PackageRefusedException e = assertThrows(PackageRefusedException.class,
                    () -> ExchangePackage.parse(json.getBytes(StandardCharsets.UTF_8)), problem);
            assertEquals(Reason.MALFORMED, e.reason());
            assertTrue(e.getMessage().contains(problem), e.getMessage() + " should say " + problem);
        });
        String persons = ",{\"role\":\"CHILD\"}".repeat(50);
        String tooMany = valid.replace("\"red coat\"}", "\"red coat\"}" + persons);
        assertTrue(assertThrows(PackageRefusedException.class, () -> ExchangePackage.parse(
                tooMany.getBytes(StandardCharsets.UTF_8))).getMessage().contains("longer than 50"));
        assertEquals(PACKAGE.reference(), ExchangePackage.parse(valid.getBytes(StandardCharsets.UTF_8)).reference());
    }

    @Test
    void theIdsOfARefusedPackageAreReadForTheLogAsFarAsTheyAreIds() {
        assertEquals("sender=child-focus-be package=" + PACKAGE.packageId(), ExchangePackage.idsOf(PACKAGE.toJson()));
        assertEquals("sender=? package=?", ExchangePackage.idsOf(bytes("not json")));
        assertEquals("sender=? package=?", ExchangePackage.idsOf(bytes(
                "{\"sender\":\"Emma Janssens\\nforged line\",\"packageId\":7}")), "not ids: not logged");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
