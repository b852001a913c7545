package io.alertbridge.devkit.slack;

import java.util.List;

/**
 * A snapshot of a file in a {@link LocalSlackWorkspace}, for tests.
 *
 * @param id the file id ({@code F...})
 * @param name the file name given to {@code files.getUploadURLExternal}
 * @param title the title given to {@code files.completeUploadExternal} (the name when none)
 * @param altTxt the description for screen readers, or {@code null}
 * @param mimetype the type derived from the name ({@code image/png})
 * @param length the length announced
 * @param bytes the bytes sent to the upload URL (a copy), or {@code null} when none were sent
 * @param completed whether {@code files.completeUploadExternal} finished it
 * @param deleted whether {@code files.delete} removed it
 * @param channels the channel ids it was shared to
 */
public record SlackFile(
        String id,
        String name,
        String title,
        String altTxt,
        String mimetype,
        int length,
        byte[] bytes,
        boolean completed,
        boolean deleted,
        List<String> channels) {}
