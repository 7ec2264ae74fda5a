package dev.portico.control;

import dev.portico.core.InvalidInputException;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.TenantId;
import dev.portico.core.store.DomainStore;
import dev.portico.core.store.InvalidCursorException;
import dev.portico.core.store.Page;
import dev.portico.core.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** A tenant's registered domains, a page at a time, with the cursor and limit checked as input from outside. */
final class RegistrationPages {
    /** Cursors are opaque to callers but always URL-safe base64 of a name; anything else was not issued by us. */
    private static final Pattern CURSOR_SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,400}");

    private final DomainStore domains;

    RegistrationPages(DomainStore domains) {
        this.domains = domains;
    }

    Page<DomainRecord> list(TenantId tenant, Optional<String> cursor, int limit)
            throws InvalidInputException, StoreException {
        if (limit < 1 || limit > DomainService.MAX_PAGE_SIZE) {
            throw new InvalidInputException("limit", "invalid_limit", "limit must be between 1 and "
                    + DomainService.MAX_PAGE_SIZE + ", got " + limit);
        }
        if (cursor.isPresent() && !CURSOR_SHAPE.matcher(cursor.get()).matches()) {
            throw invalidCursor();
        }
        Page<DomainName> names;
        try {
            names = domains.listByTenant(tenant, cursor, limit);
        } catch (InvalidCursorException e) {
            throw invalidCursor();
        }
        // A name removed between listing and reading is skipped: the page may hold fewer than limit items.
        List<DomainRecord> records = new ArrayList<>(names.items().size());
        for (DomainName name : names.items()) {
            domains.find(name).ifPresent(records::add);
        }
        return new Page<>(records, names.next());
    }

    private static InvalidInputException invalidCursor() {
        return new InvalidInputException("cursor", "invalid_cursor", "cursor was not issued by a previous page of"
                + " this listing; list again without a cursor to start from the first page");
    }
}
