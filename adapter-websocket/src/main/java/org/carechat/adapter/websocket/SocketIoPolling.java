package org.carechat.adapter.websocket;

import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.util.HttpStatus;

/**
 * Plain HTTP at the Socket.IO path: Engine.IO's long-polling transport, which CareChat does not speak. Answered
 * 400 with Engine.IO's own error shape ({@code {"code": 3, "message": "Bad request"}}, as socket.io answers a
 * transport it does not take) and a message saying what to do instead. WebSocket upgrades never come here.
 */
final class SocketIoPolling extends HttpHandler {
    static final String MESSAGE = "Bad request: CareChat's Socket.IO door speaks Engine.IO 4 over WebSocket only; "
            + "connect with io(url, {transports: ['websocket'], auth: {token}})";
    private static final byte[] BODY = ("{\"code\":3,\"message\":\"" + MESSAGE + "\"}")
            .getBytes(StandardCharsets.UTF_8);

    @Override
    public void service(Request request, Response response) throws Exception {
        response.setStatus(HttpStatus.BAD_REQUEST_400);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(BODY.length);
        response.getOutputStream().write(BODY);
    }
}
