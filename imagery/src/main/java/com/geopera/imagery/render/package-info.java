/**
 * Drawing tiles and previews of outputs: the render parameters a request names or an output defaults to,
 * colormaps, tile addresses, reused GDAL handles and the image encoders.
 */
package com.geopera.imagery.render;
