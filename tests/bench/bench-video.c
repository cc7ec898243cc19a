/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Video export of the Kursk dataset, every date: WebM (VP9) and MP4 (H.264)
 * at 1920x1080, 30 fps, 0.2 s a day, and a GIF at 960x540, 10 fps. For
 * each: wall and CPU time (user + system, all threads), the frames, the
 * video's duration, and the real-time factor (the duration over the wall
 * time: above 1, the video is made faster than it plays). One run each.
 *
 *   bench-video KURSK.geojson [webm|mp4|gif…]
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "frontline-video.h"

static double
cpu_now (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static void
run (FrontlineDataset     *dataset,
     FrontlineVideoFormat  format,
     const char           *folder)
{
  FrontlineVideoOptions options;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strconcat ("kursk.", frontline_video_format_get_extension (format), NULL);
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gboolean gif = format == FRONTLINE_VIDEO_GIF;
  double wall, cpu, duration;
  GStatBuf st;
  gint64 start;

  frontline_video_options_init (&options, dataset, format, gif ? 960 : 1920, gif ? 540 : 1080, 1.0);
  options.fps = gif ? 10 : 30;
  options.seconds_per_day = 0.2;
  duration = frontline_video_get_duration (&options);

  start = g_get_monotonic_time ();
  cpu = cpu_now ();
  if (!frontline_video_export (&options, file, TRUE, NULL, NULL, NULL, &error))
    {
      g_printerr ("%s: %s\n", name, error->message);
      exit (1);
    }
  wall = (g_get_monotonic_time () - start) / 1e6;
  cpu = cpu_now () - cpu;
  if (g_stat (path, &st) != 0)
    st.st_size = 0;

  g_print ("%-5s %dx%d %2u fps: %u frames, %.1f s of video, %.1f MiB; wall %.2f s, CPU %.2f s; "
           "real-time factor %.2f\n",
           frontline_video_format_get_extension (format), (int) options.picture.view.width,
           (int) options.picture.view.height, options.fps, frontline_video_count_frames (&options),
           duration, st.st_size / 1048576.0, wall, cpu, duration / wall);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;

  if (argc < 2)
    {
      g_printerr ("usage: bench-video DATASET [webm|mp4|gif…]\n");
      return 2;
    }

  file = g_file_new_for_path (argv[1]);
  dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);
  if (dataset == NULL)
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return 1;
    }
  folder = g_dir_make_tmp ("bench-video-XXXXXX", &error);
  if (folder == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_print ("%u processors\n", g_get_num_processors ());
  {
    static const char *const all[] = { "webm", "mp4", "gif" };
    const char *const *names = argc > 2 ? (const char *const *) argv + 2 : all;
    int n_names = argc > 2 ? argc - 2 : (int) G_N_ELEMENTS (all);

    for (int i = 0; i < n_names; i++)
      {
        g_autofree char *dotted = g_strconcat ("x.", names[i], NULL);
        FrontlineVideoFormat format;

        if (!frontline_video_format_from_filename (dotted, &format))
          {
            g_printerr ("unknown format %s\n", names[i]);
            return 2;
          }
        run (dataset, format, folder);
      }
  }

  g_rmdir (folder);
  return 0;
}
