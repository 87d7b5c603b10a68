package io.framewise.server.upload;

/**
 * What happens to a completely received upload: the data layer moves it into the library and answers
 * with what the client needs (e.g. {@code {"id": ...}}), written as a 201 JSON body. When the callback
 * throws, the received file is deleted if it is still where it was left, and the exception takes the
 * usual way to the error mapper.
 */
@FunctionalInterface
public interface UploadCallback {

    Object onReceived(ReceivedFile file) throws Exception;
}
