package com.geopera.imagery.render;

import com.geopera.imagery.raster.Gdal;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Vector;
import java.util.stream.Collectors;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.TranslateOptions;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;

/**
 * Open GDAL datasets of output files, reused across requests. A GDAL dataset serves one thread at a time, so each
 * file has a small stack of idle handles: a request borrows one (opening a new one when none is idle) and gives it
 * back. At most {@code maxFiles} files keep idle handles (least recently used first out) and at most
 * {@code maxIdlePerFile} each, so open handles stay bounded; GDAL's block cache (set apart) bounds their memory.
 */
public final class RasterHandles {
    private final int maxFiles;
    private final int maxIdlePerFile;
    private final LinkedHashMap<String, ArrayDeque<Handle>> idle = new LinkedHashMap<>(16, 0.75f, true);

    public RasterHandles(int maxFiles, int maxIdlePerFile) {
        this.maxFiles = Math.max(1, maxFiles);
        this.maxIdlePerFile = Math.max(1, maxIdlePerFile);
    }

    /** One open output file and the band-subset views made of it so far; used by one thread at a time. */
    public static final class Handle {
        private final String path;
        private final Dataset dataset;
        private final Map<String, Dataset> views = new HashMap<>();

        private Handle(String path, Dataset dataset) {
            this.path = path;
            this.dataset = dataset;
        }

        public int width() {
            return dataset.getRasterXSize();
        }

        public int height() {
            return dataset.getRasterYSize();
        }

        /** The file itself when {@code bidx} is all its bands in order, else a VRT of those bands (made once). */
        public Dataset bands(List<Integer> bidx) {
            int count = dataset.GetRasterCount();
            boolean all = bidx.size() == count;
            for (int i = 0; all && i < count; i++) {
                all = bidx.get(i) == i + 1;
            }
            if (all) {
                return dataset;
            }
            String key = bidx.stream().map(String::valueOf).collect(Collectors.joining(","));
            Dataset view = views.get(key);
            if (view == null) {
                Vector<String> args = new Vector<>(List.of("-of", "VRT"));
                for (int b : bidx) {
                    args.add("-b");
                    args.add(Integer.toString(b));
                }
                TranslateOptions options = new TranslateOptions(args);
                try {
                    gdal.ErrorReset();
                    view = gdal.Translate("", dataset, options);
                } finally {
                    options.delete();
                }
                if (view == null) {
                    throw Gdal.failure("selecting bands " + key);
                }
                views.put(key, view);
            }
            return view;
        }

        private void close() {
            views.values().forEach(Dataset::delete);
            views.clear();
            dataset.delete();
        }
    }

    /** An idle handle of {@code path}, or a newly opened one. */
    public Handle borrow(String path) {
        synchronized (idle) {
            ArrayDeque<Handle> stack = idle.get(path);
            if (stack != null && !stack.isEmpty()) {
                return stack.pop();
            }
        }
        gdal.ErrorReset();
        Dataset ds = gdal.Open(path, gdalconstConstants.GA_ReadOnly);
        if (ds == null) {
            throw Gdal.failure("opening the output");
        }
        return new Handle(path, ds);
    }

    /** Gives a handle back for reuse (or closes it when the pool of its file is full). */
    public void release(Handle handle) {
        Handle closeNow = handle;
        List<Handle> evicted = List.of();
        synchronized (idle) {
            ArrayDeque<Handle> stack = idle.computeIfAbsent(handle.path, p -> new ArrayDeque<>());
            if (stack.size() < maxIdlePerFile) {
                stack.push(handle);
                closeNow = null;
            }
            if (idle.size() > maxFiles) {
                evicted = new java.util.ArrayList<>();
                Iterator<Map.Entry<String, ArrayDeque<Handle>>> it = idle.entrySet().iterator();
                while (idle.size() > maxFiles && it.hasNext()) {
                    Map.Entry<String, ArrayDeque<Handle>> eldest = it.next();
                    evicted.addAll(eldest.getValue());
                    it.remove();
                }
            }
        }
        if (closeNow != null) {
            closeNow.close();
        }
        evicted.forEach(Handle::close);
    }

    /** Closes every idle handle of {@code path} (its file is being deleted). */
    public void forget(String path) {
        ArrayDeque<Handle> stack;
        synchronized (idle) {
            stack = idle.remove(path);
        }
        if (stack != null) {
            stack.forEach(Handle::close);
        }
    }

    /** Closes every idle handle. */
    public void closeAll() {
        List<Handle> all = new java.util.ArrayList<>();
        synchronized (idle) {
            idle.values().forEach(all::addAll);
            idle.clear();
        }
        all.forEach(Handle::close);
    }
}
