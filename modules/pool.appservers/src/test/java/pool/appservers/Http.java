package pool.appservers;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** GET requests to the test's servlets. */
final class Http {

    /** A servlet's answer. */
    record Answer(int status, String body) {
        @Override
        public String toString() {
            return status + ": " + body;
        }
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Http() {
    }

    /** GETs {@code path?name=jndiName&...} under {@code base} (the deployment's URL); {@code more} is "key=value" pairs. */
    static Answer get(URL base, String path, String jndiName, String... more) throws IOException, InterruptedException {
        StringBuilder query = new StringBuilder("name=").append(URLEncoder.encode(jndiName, StandardCharsets.UTF_8));
        for (String kv : more) {
            query.append('&').append(kv);
        }
        URI uri = URI.create(base.toExternalForm().replaceAll("/$", "") + "/" + path + "?" + query);
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }
}
