/* kiosk-test-media.h: media files made in the test: VP8 clips, broken copies, pictures */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A WebM (VP8) clip of @frames frames at 25 fps, 320x240, made with
 * GStreamer (videotestsrc → vp8enc → webmmux); @pattern is videotestsrc's
 * ("smpte", "ball", ...), maybe with more of its properties
 * ("ball background-color=0xff1c5d99"). */
void  kiosk_test_media_make_clip      (const char *path,
                                       guint       frames,
                                       const char *pattern);
/* The first @fraction of @source's bytes. */
void  kiosk_test_media_make_truncated (const char *source,
                                       const char *path,
                                       double      fraction);
/* A picture of one colour (0xRRGGBB), as PNG or JPEG by @path's end. */
void  kiosk_test_media_make_picture   (const char *path,
                                       int         width,
                                       int         height,
                                       guint32     rgb);
/* A small SVG drawing. */
void  kiosk_test_media_make_svg       (const char *path);
/* Text in a file (a "video" that is not one). */
void  kiosk_test_media_make_text      (const char *path);

/* A new folder with the usual cases: clip.webm (2 s), cut.webm (its first
 * 40 %), poster.png (640x360), cut.png (half of it), photo.jpg (400x300),
 * drawing.svg (160x90), text.mp4 (text) and empty.webm. */
char *kiosk_test_media_make_dir       (void);
/* Removes the folder and the files in it. */
void  kiosk_test_media_remove_dir     (const char *dir);

G_END_DECLS
