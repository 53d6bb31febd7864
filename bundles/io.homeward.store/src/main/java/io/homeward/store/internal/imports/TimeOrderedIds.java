package io.homeward.store.internal.imports;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Ids for the cases and persons an import creates: UUIDs of version 7 (RFC 9562), whose first 48 bits are the
 * moment they were made in milliseconds and whose next 12 bits count within that millisecond, so that ids made one
 * after the other sort one after the other. The tables' primary keys and the indexes that lead with a case or person
 * id then take an import's rows at their end instead of all over their B-trees, which is most of what an H2 database
 * writes per commit; the 62 random bits still make an id impossible to guess. Thread-safe.
 */
final class TimeOrderedIds {

    private final SecureRandom random = new SecureRandom();
    private long lastMillis;
    private int counter;

    /** @return a new id, greater than every id this generator made before (unless the clock went back) */
    synchronized UUID next() {
        long millis = System.currentTimeMillis();
        if (millis > lastMillis) {
            lastMillis = millis;
            counter = 0;
        } else if (++counter > 0xFFF) {
            // more than 4096 ids in one millisecond: borrow the next millisecond
            lastMillis++;
            counter = 0;
        }
        long high = (lastMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | counter;
        long low = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
