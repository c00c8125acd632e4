// The pin of a meeting place on the meeting form: the place's position on a small map; dragging
// the pin (or clicking the map) writes the new position into the form's hidden fields and marks
// it as set by hand, which no address change will undo.
(function () {
  var box = document.querySelector(".place-pin");
  if (!box || typeof L === "undefined") { return; }
  var latitude = document.getElementById("id_place-latitude");
  var longitude = document.getElementById("id_place-longitude");
  var moved = document.getElementById("id_place-pin_moved");
  var status = document.getElementById("place-pin-status");
  if (!latitude || !longitude || !moved) { return; }
  box.hidden = false;
  var known = latitude.value && longitude.value;
  var start = known ? [parseFloat(latitude.value), parseFloat(longitude.value)] : [39.5, -98.35];
  var map = L.map("place-pin-map", { scrollWheelZoom: false, maxZoom: 19 }).setView(start, known ? 16 : 3);
  if (box.dataset.tiles) {
    L.tileLayer(box.dataset.tiles, {
      maxZoom: 19,
      attribution: box.dataset.attribution,
      referrerPolicy: "strict-origin-when-cross-origin"
    }).addTo(map);
  }
  var marker = null;
  function place(point) {
    latitude.value = point.lat.toFixed(6);
    longitude.value = point.lng.toFixed(6);
    moved.value = "True";
    status.textContent = box.dataset.moved;
  }
  function addMarker(point) {
    marker = L.marker(point, { draggable: true, autoPan: true, title: "Pin", alt: "Pin" }).addTo(map);
    marker.on("dragend", function () { place(marker.getLatLng()); });
  }
  if (known) { addMarker(start); }
  map.on("click", function (event) {
    if (marker) { marker.setLatLng(event.latlng); } else { addMarker(event.latlng); }
    place(event.latlng);
  });
})();
