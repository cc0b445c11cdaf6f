package io.modelway.dashboard;

import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The one HTTP client the dashboard reads the other services with. Bounded timeouts: a service that hangs
 * must show as down on the console, not hold a request thread.
 */
@Configuration(proxyBeanMethods = false)
class ServiceHttp {

    @Bean
    RestClient serviceClient() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(Duration.ofSeconds(10));
        return RestClient.builder().requestFactory(requests).build();
    }
}
