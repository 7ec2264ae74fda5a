package dev.portico.functions.domains;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which operation a request asks for. API Gateway names the route it matched in {@code routeKey}; a catch-all
 * route ({@code $default}, {@code ANY /...}) or a hand-made event leaves the method and raw path to decide, so
 * both are understood. A known path with the wrong method is a 405 with {@code Allow}, anything else a 404.
 */
record Route(Operation operation, String domain) {
    enum Operation {
        REGISTER("POST /domains"),
        LIST("GET /domains"),
        GET("GET /domains/{domain}"),
        REMOVE("DELETE /domains/{domain}");

        private final String label;

        Operation(String label) {
            this.label = label;
        }

        /** The route as API Gateway's template names it: what logs and metrics group by. */
        String label() {
            return label;
        }
    }

    private static final Pattern ROUTE_KEY = Pattern.compile("(\\S+) (/domains|/domains/\\{domain\\})");
    private static final Pattern ITEM_PATH = Pattern.compile("/domains/([^/]+)");

    static Route resolve(APIGatewayV2HTTPEvent event) throws RequestRejectedException {
        String method = event.getRequestContext() == null || event.getRequestContext().getHttp() == null
                ? null : event.getRequestContext().getHttp().getMethod();
        Matcher key = ROUTE_KEY.matcher(event.getRouteKey() == null ? "" : event.getRouteKey());
        boolean collection;
        String domain = null;
        if (key.matches()) {
            method = method != null ? method : key.group(1);
            collection = key.group(2).equals("/domains");
            if (!collection) {
                domain = pathParameter(event.getPathParameters());
                domain = domain != null ? domain : domainFromPath(rawPath(event));
            }
        } else {
            String path = rawPath(event);
            collection = "/domains".equals(path);
            domain = collection ? null : domainFromPath(path);
            if (!collection && domain == null) {
                throw new RequestRejectedException(404, "route_not_found", null, "no such resource: "
                        + Texts.clip(path, 200) + "; this API serves /domains and /domains/{domain}");
            }
        }
        String verb = method == null ? "" : method.toUpperCase(Locale.ROOT);
        if (collection) {
            return switch (verb) {
                case "POST" -> new Route(Operation.REGISTER, null);
                case "GET" -> new Route(Operation.LIST, null);
                default -> throw notAllowed(verb, "/domains", "GET, POST");
            };
        }
        return switch (verb) {
            case "GET" -> new Route(Operation.GET, domain);
            case "DELETE" -> new Route(Operation.REMOVE, domain);
            default -> throw notAllowed(verb, "/domains/{domain}", "DELETE, GET");
        };
    }

    private static String rawPath(APIGatewayV2HTTPEvent event) {
        if (event.getRawPath() != null) {
            return event.getRawPath();
        }
        return event.getRequestContext() == null || event.getRequestContext().getHttp() == null
                ? "" : event.getRequestContext().getHttp().getPath();
    }

    /**
     * HTTP APIs hand over the path already percent-decoded, so the segment is taken as it is: decoding again would
     * turn {@code %252e} into a dot. A domain name never contains '%', so an undecoded one is refused as input.
     */
    private static String domainFromPath(String path) {
        Matcher m = ITEM_PATH.matcher(path == null ? "" : path);
        return m.matches() ? m.group(1) : null;
    }

    private static String pathParameter(Map<String, String> parameters) {
        return parameters == null ? null : parameters.get("domain");
    }

    private static RequestRejectedException notAllowed(String method, String path, String allow) {
        return new RequestRejectedException(405, "method_not_allowed", null, "method '" + Texts.clip(method, 20)
                + "' is not allowed on " + path + "; allowed: " + allow, Map.of("allow", allow));
    }
}
