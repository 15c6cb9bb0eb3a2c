package io.stowage.features;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One user's visit to the Web Console, as a browser makes it: its own cookies (so its own HTTP session and CSRF
 * token) and, unless anonymous, HTTP Basic credentials on every request. Separate users never share cookies: Karaf's
 * console keeps the authenticated JAAS subject in the HTTP session.
 */
final class ConsoleSession {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final String authorization;
    private final HttpClient http;

    private ConsoleSession(URI base, String authorization) {
        this.base = base;
        this.authorization = authorization;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** {@code user} logged in with its password, which in the test's Karaf is its name. */
    static ConsoleSession as(URI base, String user) {
        String credentials = user + ":" + user;
        return new ConsoleSession(base, "Basic " + Base64.getEncoder().encodeToString(
                credentials.getBytes(StandardCharsets.UTF_8)));
    }

    /** Nobody: no credentials at all. */
    static ConsoleSession anonymous(URI base) {
        return new ConsoleSession(base, null);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts the form fields, URL-encoded, as an HTML form does. */
    HttpResponse<String> post(String path, Map<String, String> fields) throws IOException, InterruptedException {
        return http.send(form(path, fields), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest form(String path, Map<String, String> fields) {
        String form = fields.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }

    /** Posts the form fields and takes the answer as bytes: a download. */
    HttpResponse<byte[]> download(String path, Map<String, String> fields) throws IOException, InterruptedException {
        return http.send(form(path, fields), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Posts a file as the raw body with the token in the header, as the page's script uploads a dump. */
    HttpResponse<String> upload(String path, byte[] file, String token) throws IOException, InterruptedException {
        return http.send(request(path).header("Content-Type", "application/octet-stream")
                .header("X-Stowage-CSRF", token).POST(HttpRequest.BodyPublishers.ofByteArray(file)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The CSRF token in the hidden field of the page's form {@code formId}: what a browser would submit. */
    static String formToken(HttpResponse<String> page, String formId) {
        return find(page, Pattern.compile("<form [^>]*id='" + Pattern.quote(formId) + "'[^>]*><input type='hidden' "
                + "name='csrf' value='([^']+)'>"), "form " + formId + " with its CSRF field");
    }

    /** The CSRF token every Stowage page carries for its scripts, whether or not it shows a form. */
    static String pageToken(HttpResponse<String> page) {
        return find(page, Pattern.compile("data-csrf='([^']+)'"), "data-csrf");
    }

    private static String find(HttpResponse<String> page, Pattern pattern, String what) {
        Matcher matcher = pattern.matcher(page.body());
        if (!matcher.find()) {
            throw new AssertionError("no " + what + " in " + page.uri() + ":" + System.lineSeparator() + page.body());
        }
        return matcher.group(1);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
