/* SPDX-License-Identifier: GPL-2.0-only */
/* The fuzz targets, for replay.c: TARGET(name) each. */
TARGET(options)
TARGET(spatch_output)
TARGET(diff)
TARGET(git_range)
TARGET(grep_query)
TARGET(cache_entry)
