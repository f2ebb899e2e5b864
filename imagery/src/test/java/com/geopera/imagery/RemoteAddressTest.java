package com.geopera.imagery;

import static org.assertj.core.api.Assertions.assertThat;

import com.geopera.common.error.InputErrorCodes;
import com.geopera.imagery.input.HostAddresses;
import com.geopera.imagery.input.InputResolver;
import com.geopera.imagery.input.RemoteInputs;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which addresses remote inputs may come from, judged after DNS and before any connection. */
class RemoteAddressTest {
    @Test
    void only_public_unicast_addresses_may_be_read_from_in_ipv4_and_ipv6_spellings() throws Exception {
        for (String address : List.of("8.8.8.8", "1.1.1.1", "151.101.1.69", "2606:4700:4700::1111", "2a00:1450:4007::64")) {
            assertThat(HostAddresses.whyRefused(InetAddress.getByName(address), false)).as(address).isEmpty();
        }
        for (String address : List.of("127.0.0.1", "127.5.5.5", "::1", "10.0.0.1", "172.16.0.1", "172.31.255.255",
                "192.168.0.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "240.0.0.1",
                "192.0.2.1", "198.18.0.1", "::", "fe80::1", "fec0::1", "fd00:ec2::254", "fc00::1", "ff02::1",
                "::ffff:169.254.169.254", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "::169.254.169.254",
                "64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::1", "2001:db8::1", "2001:0:4136:e378::1", "100::1")) {
            assertThat(HostAddresses.whyRefused(InetAddress.getByName(address), false)).as(address).isPresent();
        }
        assertThat(HostAddresses.whyRefused(InetAddress.getByName("127.0.0.1"), true)).isEmpty();
        assertThat(HostAddresses.whyRefused(InetAddress.getByName("::1"), true)).isEmpty();
        assertThat(HostAddresses.whyRefused(InetAddress.getByName("169.254.169.254"), true)).isPresent();
        assertThat(HostAddresses.whyRefused(InetAddress.getByName("::ffff:10.0.0.1"), true)).isPresent();
    }

    @Test
    void a_host_name_resolving_to_a_link_local_address_among_others_is_refused_before_any_connection() throws Exception {
        try (LocalHttpServer server = new LocalHttpServer().file("/x.tif", new byte[] {1})) {
            // the name's DNS answer holds the test server's address and the cloud metadata service's
            RemoteInputs.Dns dns = host -> new InetAddress[] {InetAddress.getByName("127.0.0.1"),
                InetAddress.getByName("169.254.169.254")};
            RemoteInputs remote = new RemoteInputs(List.of("localhost"), true, Duration.ofSeconds(5), dns);

            InputResolver.Resolution r = remote.check(URI.create(server.url("localhost", "/x.tif")));

            assertThat(r.problemCode()).isEqualTo(InputErrorCodes.HOST_NOT_ALLOWED);
            assertThat(r.message()).contains("link-local");
            assertThat(server.totalHits()).as("requests that reached the server").isZero();
        }
    }
}
