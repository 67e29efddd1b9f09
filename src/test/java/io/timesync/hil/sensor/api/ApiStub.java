package io.timesync.hil.sensor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.timesync.hil.sim.SimulatedOusterApi;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A sensor API that answers what a test says, per endpoint (path and query), to shape answers the simulator never
 * gives: a status, a missing field, a wrong type. Starts from a typical simulated sensor's answers.
 */
final class ApiStub implements AutoCloseable {
    record Answer(int status, String body) {
    }

    private final Map<String, Answer> answers;
    private final HttpServer server;

    private ApiStub(Map<String, Answer> answers) throws IOException {
        this.answers = Map.copyOf(answers);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The typical simulated sensor's answers at every endpoint the client asks, as it gave them. */
    static Map<String, Answer> typicalAnswers() {
        try (SimulatedOusterApi api = ApiTestSensors.start(ApiTestSensors.typical());
             OusterApiClient client = ApiTestSensors.client(api)) {
            client.read();
            Map<String, Answer> answers = new LinkedHashMap<>();
            client.exchanges().forEach(exchange -> answers.put(exchange.endpoint(),
                    new Answer(exchange.status(), exchange.body())));
            return answers;
        }
    }

    /** The typical answers with one endpoint's JSON changed by {@code edit}. */
    static ApiStub editing(String endpoint, Consumer<ObjectNode> edit) {
        Map<String, Answer> answers = typicalAnswers();
        ObjectMapper json = new ObjectMapper();
        try {
            ObjectNode document = (ObjectNode) json.readTree(answers.get(endpoint).body());
            edit.accept(document);
            answers.put(endpoint, new Answer(200, json.writeValueAsString(document)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return serving(answers);
    }

    /** The typical answers with one endpoint answering {@code status} and {@code body}. */
    static ApiStub answering(String endpoint, int status, String body) {
        Map<String, Answer> answers = typicalAnswers();
        answers.put(endpoint, new Answer(status, body));
        return serving(answers);
    }

    static ApiStub serving(Map<String, Answer> answers) {
        try {
            return new ApiStub(answers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    OusterApiClient client() {
        return new OusterApiClient("os-1", baseUri(), ApiTestSensors.CONNECT_TIMEOUT_NS,
                ApiTestSensors.REQUEST_TIMEOUT_NS);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String endpoint = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            Answer answer = answers.getOrDefault(endpoint, new Answer(404, "Not Found"));
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }
}
