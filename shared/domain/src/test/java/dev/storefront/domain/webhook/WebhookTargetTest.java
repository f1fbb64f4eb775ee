package dev.storefront.domain.webhook;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookTargetTest {

    private static List<InetAddress> at(String... ips) throws Exception {
        List<InetAddress> addresses = new java.util.ArrayList<>();
        for (String ip : ips) {
            addresses.add(InetAddress.getByName(ip));
        }
        return addresses;
    }

    @Test
    void on_aws_only_https_to_public_addresses_is_allowed() throws Exception {
        URI uri = WebhookTarget.parse("https://hooks.example.com/storefront", false);

        assertThatCode(() -> WebhookTarget.checkAddresses(uri, at("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"), false))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> WebhookTarget.parse("http://hooks.example.com/", false)).hasMessageContaining("https");
        assertThatThrownBy(() -> WebhookTarget.parse("https://user:pw@hooks.example.com/", false)).hasMessageContaining("credentials");
        assertThatThrownBy(() -> WebhookTarget.parse("not a url", false)).isInstanceOf(WebhookTarget.Refused.class);
        assertThatThrownBy(() -> WebhookTarget.parse("file:///etc/passwd", true)).isInstanceOf(WebhookTarget.Refused.class);
    }

    @Test
    void metadata_private_loopback_and_mapped_addresses_are_refused_on_aws() throws Exception {
        URI uri = WebhookTarget.parse("https://evil.example.com/", false);
        for (String ip : List.of("169.254.169.254", "10.1.2.3", "172.16.0.1", "192.168.1.1", "127.0.0.1", "0.0.0.0", "100.64.0.1",
                "::1", "fe80::1", "fd00::1", "::ffff:10.0.0.1", "::ffff:169.254.169.254")) {
            assertThatThrownBy(() -> WebhookTarget.checkAddresses(uri, at(ip), false)).as(ip).isInstanceOf(WebhookTarget.Refused.class);
        }
        // One private address among public ones is enough to refuse (DNS answers several).
        assertThatThrownBy(() -> WebhookTarget.checkAddresses(uri, at("93.184.216.34", "10.0.0.1"), false)).isInstanceOf(WebhookTarget.Refused.class);
    }

    @Test
    void locally_http_to_localhost_is_allowed() throws Exception {
        URI uri = WebhookTarget.parse("http://localhost:8123/hook", true);

        assertThatCode(() -> WebhookTarget.checkAddresses(uri, at("127.0.0.1"), true)).doesNotThrowAnyException();
    }

    @Test
    void retries_back_off_exponentially_at_most_an_hour_apart_for_24_hours() {
        RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(10));
        Instant first = Instant.parse("2026-12-02T00:00:00Z");

        assertThat(schedule.next(1, first, first)).contains(first.plusSeconds(10));
        assertThat(schedule.next(2, first, first.plusSeconds(10))).contains(first.plusSeconds(30));
        assertThat(schedule.next(12, first, first)).contains(first.plus(Duration.ofHours(1)));
        assertThat(schedule.next(40, first, first.plus(Duration.ofHours(23).plusMinutes(30)))).isEmpty();
        assertThat(RetrySchedule.disables(49)).isFalse();
        assertThat(RetrySchedule.disables(50)).isTrue();
    }
}
