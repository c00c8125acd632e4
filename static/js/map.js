// The directory's map: a marker for each meeting place of the groups found, clustered where
// they crowd, each opening the names of the groups that meet there with links to them. Built
// with DOM nodes (never HTML strings), shown only when the map can be drawn: the list beside it
// is complete without it.
(function () {
  var section = document.querySelector(".results-map");
  var data = document.getElementById("map-places");
  if (!section || !data || typeof L === "undefined") { return; }
  var places = JSON.parse(data.textContent);
  if (!places.length) { return; }
  section.hidden = false;
  var map = L.map("results-map", { scrollWheelZoom: false, maxZoom: 19 });
  if (section.dataset.tiles) {
    // The tile server sees this site's address (its usage policy asks for it), never the page's.
    L.tileLayer(section.dataset.tiles, {
      maxZoom: 19,
      attribution: section.dataset.attribution,
      referrerPolicy: "strict-origin-when-cross-origin"
    }).addTo(map);
  } else {
    map.attributionControl.setPrefix(section.dataset.noTiles);
  }
  var cluster = L.markerClusterGroup({ showCoverageOnHover: false });
  var bounds = [];
  places.forEach(function (place) {
    var popup = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = place.name;
    popup.appendChild(title);
    var list = document.createElement("ul");
    list.className = "list-unstyled mb-0";
    place.groups.forEach(function (group) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = group.url;
      link.textContent = group.name;
      item.appendChild(link);
      list.appendChild(item);
    });
    popup.appendChild(list);
    var marker = L.marker([place.lat, place.lon], { title: place.name, alt: place.name });
    marker.bindPopup(popup);
    cluster.addLayer(marker);
    bounds.push([place.lat, place.lon]);
  });
  map.addLayer(cluster);
  map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
})();
