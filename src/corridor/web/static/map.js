// The area map: Leaflet with points only; tiles only when the server sets a
// tile address (CORRIDOR_TILE_URL). Data comes from the page, nothing else.
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || typeof L === "undefined") { return; }
  var data = JSON.parse(el.getAttribute("data-map"));
  // Leaflet puts a string tooltip in as HTML; names go in as text instead.
  function label(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span;
  }
  var name = el.getAttribute("data-name");
  var tiles = el.getAttribute("data-tiles");
  el.innerHTML = "";
  var centre = [data.centre.lat, data.centre.lon];
  var map = L.map(el, { scrollWheelZoom: false, zoomSnap: 0.25 });
  var bounds = [centre].concat(data.places.map(function (p) { return [p.lat, p.lon]; }));
  var outline = data.outline ? L.geoJSON(data.outline, {
    style: { color: "#a3400b", weight: 2, fillColor: "#f5a26b", fillOpacity: 0.15 }
  }) : null;
  if (outline) {
    map.fitBounds(outline.getBounds().extend(L.latLngBounds(bounds)), { padding: [30, 30] });
    outline.addTo(map);
  } else if (bounds.length > 1) {
    map.fitBounds(L.latLngBounds(bounds), { padding: [70, 70], maxZoom: data.centre.zoom });
  } else {
    map.setView(centre, data.centre.zoom);
  }
  // A neutral credit: no flag or other symbol in a tool used on all sides.
  map.attributionControl.setPrefix("Leaflet");
  L.control.scale({ imperial: false }).addTo(map);
  if (tiles) {
    L.tileLayer(tiles, {
      maxZoom: 18,
      attribution: el.getAttribute("data-attribution") || ""
    }).addTo(map);
  }
  data.places.forEach(function (p) {
    L.circleMarker([p.lat, p.lon], {
      radius: 6, color: "#5b6770", weight: 2, fillColor: "#ffffff", fillOpacity: 1
    }).addTo(map).bindTooltip(label(p.name), {
      permanent: true,
      direction: p.lon < data.centre.lon ? "left" : "right",
      offset: p.lon < data.centre.lon ? [-6, 0] : [6, 0]
    });
  });
  L.circleMarker(centre, {
    radius: 10, color: "#a3400b", weight: 3, fillColor: "#f5a26b", fillOpacity: 0.9
  }).addTo(map).bindTooltip(label(name), { permanent: true, direction: "top", offset: [0, -8] });
})();
