package io.homeward.store.internal.cases;

class DurabilityH2Test extends DurabilityContract {
}
