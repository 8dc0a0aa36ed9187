#!/bin/sh
# workerd hangs under libfaketime, so npm run test:dates runs it on the real clock through
# this wrapper (MINIFLARE_WORKERD_PATH points here); the edge then learns the pinned day
# from its dev clock variable (worker/clock.ts). TRUEUP_REAL_WORKERD names the binary the
# calling miniflare ships with. See docs/testing-dates.md.
unset LD_PRELOAD FAKETIME FAKETIME_SHARED FAKETIME_NO_CACHE DONT_FAKE_MONOTONIC
exec "$TRUEUP_REAL_WORKERD" "$@"
