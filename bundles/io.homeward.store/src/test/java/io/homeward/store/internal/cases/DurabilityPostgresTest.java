package io.homeward.store.internal.cases;

class DurabilityPostgresTest extends DurabilityContract {

    @Override
    protected boolean onPostgres() {
        return true;
    }
}
