package dev.storefront.samlocal;

import java.util.ArrayList;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HttpApi routes of template.yaml, matched as API Gateway matches them: the most specific
 * route wins (literal segments over {param}, {param} over {proxy+}), ANY matches every method.
 */
public final class RouteTable<T> {

    public record Match<T>(HttpRoute route, T target, Map<String, String> pathParameters) {
    }

    private record Entry<T>(HttpRoute route, T target, Pattern pattern, List<String> names, int literals, boolean greedy) {
    }

    private final List<Entry<T>> entries = new CopyOnWriteArrayList<>();

    public synchronized void add(HttpRoute route, T target) {
        StringBuilder regex = new StringBuilder();
        List<String> names = new ArrayList<>();
        int literals = 0;
        boolean greedy = false;
        for (String segment : route.path().split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            regex.append('/');
            if (segment.startsWith("{") && segment.endsWith("+}")) {
                names.add(segment.substring(1, segment.length() - 2));
                regex.append("(.+)");
                greedy = true;
            } else if (segment.startsWith("{") && segment.endsWith("}")) {
                names.add(segment.substring(1, segment.length() - 1));
                regex.append("([^/]+)");
            } else {
                regex.append(Pattern.quote(segment));
                literals++;
            }
        }
        entries.add(new Entry<>(route, target, Pattern.compile(regex.length() == 0 ? "/" : regex.toString()),
                names, literals, greedy));
        entries.sort(Comparator.comparing((Entry<T> e) -> e.greedy)
                .thenComparing(e -> -e.literals)
                .thenComparing(e -> e.route.method().equals("ANY")));
    }

    /**
     * The route for a request, or empty when API Gateway would answer 404. IllegalArgumentException
     * when a path parameter does not decode ({@link PercentEncoding}).
     */
    public Optional<Match<T>> match(String method, String rawPath) {
        for (Entry<T> entry : entries) {
            String routeMethod = entry.route.method();
            if (!routeMethod.equals("ANY") && !routeMethod.equals(method)) {
                continue;
            }
            Matcher matcher = entry.pattern.matcher(rawPath);
            if (matcher.matches()) {
                Map<String, String> parameters = new LinkedHashMap<>();
                for (int i = 0; i < entry.names.size(); i++) {
                    parameters.put(entry.names.get(i), PercentEncoding.decode(matcher.group(i + 1)));
                }
                return Optional.of(new Match<>(entry.route, entry.target, parameters));
            }
        }
        return Optional.empty();
    }
}
