package dev.portico.functions.domains;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.control.DomainService;
import dev.portico.control.RegistrationResult;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.store.Page;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The routes of the Domains API over {@link DomainService}:
 * <ul>
 *   <li>{@code POST /domains} {"domain", "tenant", "origin"}: 202 and {@code Location} when registered, 200 when
 *       the same registration existed already</li>
 *   <li>{@code GET /domains/{domain}}: the record</li>
 *   <li>{@code GET /domains?tenant=&limit=&cursor=}: a page of the tenant's domains</li>
 *   <li>{@code DELETE /domains/{domain}?tenant=}: removes it, answering the record with status removed</li>
 * </ul>
 * Failures become JSON errors in {@link ErrorResponses}.
 */
final class DomainsApi {
    private final DomainService service;

    DomainsApi(DomainService service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, RequestLog log) {
        try {
            Route route = Route.resolve(event);
            log.route(route.operation().label());
            return switch (route.operation()) {
                case REGISTER -> register(event, log);
                case GET -> get(route.domain(), event, log);
                case LIST -> list(event, log);
                case REMOVE -> remove(route.domain(), event, log);
            };
        } catch (Exception e) {
            return ErrorResponses.of(e, log);
        }
    }

    private APIGatewayV2HTTPResponse register(APIGatewayV2HTTPEvent event, RequestLog log) throws Exception {
        QueryParameters.of(event, Set.of());
        RegisterRequestParser.RegisterRequest request = RegisterRequestParser.parse(RequestBody.jsonText(event));
        log.domain(request.domain());
        log.tenant(request.tenant());
        RegistrationResult result = service.register(request.domain(), request.tenant(), request.origin());
        log.domain(result.record().domain().ascii());
        if (!result.created()) {
            return ApiResponses.json(200, DomainView.of(result.record()));
        }
        return ApiResponses.json(202, DomainView.of(result.record()),
                Map.of("location", DomainView.path(result.record())));
    }

    private APIGatewayV2HTTPResponse get(String domain, APIGatewayV2HTTPEvent event, RequestLog log)
            throws Exception {
        log.domain(domain);
        QueryParameters.of(event, Set.of());
        DomainRecord record = service.find(domain);
        log.tenant(record.tenant().value());
        return ApiResponses.json(200, DomainView.of(record));
    }

    private APIGatewayV2HTTPResponse list(APIGatewayV2HTTPEvent event, RequestLog log) throws Exception {
        QueryParameters query = QueryParameters.of(event, Set.of("tenant", "limit", "cursor"));
        String tenant = query.get("tenant").orElse(null);
        log.tenant(tenant);
        int limit = query.limit(DomainService.DEFAULT_PAGE_SIZE);
        Page<DomainRecord> page = service.list(tenant, query.get("cursor"), limit);
        ObjectNode body = ApiResponses.JSON.createObjectNode();
        ArrayNode items = body.putArray("domains");
        page.items().forEach(record -> items.add(DomainView.of(record)));
        body.put("next", page.next().orElse(null));
        ObjectNode links = body.putObject("links");
        page.next().ifPresent(next -> links.put("next", "/domains?tenant=" + encode(tenant) + "&limit=" + limit
                + "&cursor=" + encode(next)));
        return ApiResponses.json(200, body);
    }

    private APIGatewayV2HTTPResponse remove(String domain, APIGatewayV2HTTPEvent event, RequestLog log)
            throws Exception {
        log.domain(domain);
        QueryParameters query = QueryParameters.of(event, Set.of("tenant"));
        String tenant = query.get("tenant").orElse(null);
        log.tenant(tenant);
        DomainRecord removed = service.remove(domain, tenant);
        log.domain(removed.domain().ascii());
        return ApiResponses.json(200, DomainView.of(removed));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
