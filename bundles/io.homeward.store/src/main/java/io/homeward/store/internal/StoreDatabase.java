package io.homeward.store.internal;

import io.homeward.store.internal.alerts.AlertDeliveryEntity;
import io.homeward.store.internal.alerts.AlertEntity;
import io.homeward.store.internal.alerts.AlertMessageEntity;
import io.homeward.store.internal.caserecord.CaseEntity;
import io.homeward.store.internal.caserecord.NameKeyEntity;
import io.homeward.store.internal.caserecord.PersonEntity;
import io.homeward.store.internal.caserecord.SlaTimerEntity;
import io.homeward.store.internal.caserecord.TimelineEventEntity;
import io.homeward.store.internal.cases.AttachmentContentEntity;
import io.homeward.store.internal.cases.AttachmentEntity;
import io.homeward.store.internal.cases.CaseNumberCounter;
import io.homeward.store.internal.cases.NoteEntity;
import io.homeward.store.internal.db.Database;
import io.homeward.store.internal.db.StoreConfiguration;
import io.homeward.store.internal.duplicates.CaseLinkEntity;
import io.homeward.store.internal.exchange.ExchangeInboxEntity;
import io.homeward.store.internal.exchange.ExchangeKeyEntity;
import io.homeward.store.internal.exchange.ExchangeOutboxEntity;
import io.homeward.store.internal.imports.CaseImportEntity;
import io.homeward.store.internal.referrals.ReferralEntity;
import io.homeward.store.internal.security.ApiTokenEntity;
import io.homeward.store.internal.security.LoginThrottleEntity;
import io.homeward.store.internal.security.SessionEntity;
import io.homeward.store.internal.security.UserEntity;
import io.homeward.store.internal.transfers.CaseTransferEntity;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The store's {@link Database} with the entities of every domain: the one class that knows them all, so that the
 * {@code db} package depends on no domain. Active as soon as the bundle starts (so a broken database shows at
 * startup, not at the first request), replaced by SCR when {@link StoreConfiguration} changes, closed on
 * deactivation.
 */
@Component(service = Database.class, immediate = true, configurationPid = StoreConfiguration.PID)
@Designate(ocd = StoreConfiguration.class)
public final class StoreDatabase extends Database {

    /** Every entity, by domain; a new domain's entities are added here. */
    static final List<Class<?>> ENTITIES = List.of(
            CaseEntity.class, PersonEntity.class, TimelineEventEntity.class, SlaTimerEntity.class, NameKeyEntity.class,
            CaseNumberCounter.class, NoteEntity.class, AttachmentEntity.class, AttachmentContentEntity.class,
            UserEntity.class, SessionEntity.class, ApiTokenEntity.class, LoginThrottleEntity.class,
            AlertEntity.class, AlertMessageEntity.class, AlertDeliveryEntity.class,
            ReferralEntity.class,
            CaseLinkEntity.class,
            CaseTransferEntity.class,
            ExchangeKeyEntity.class, ExchangeOutboxEntity.class, ExchangeInboxEntity.class,
            CaseImportEntity.class);

    /** Opens the database that the configuration names, or the default H2 file database. */
    @Activate
    public StoreDatabase(StoreConfiguration config, BundleContext context) {
        this(Settings.of(config, context.getProperty(DATA_PROPERTY)));
    }

    /** Opens the database and migrates its schema; fails when either is impossible. */
    public StoreDatabase(Settings settings) {
        super(settings, ENTITIES);
    }

    @Deactivate
    @Override
    public void close() {
        super.close();
    }
}
