// A map to choose or show a place, drawn from the province's own tile server (GET
// /api/v1/public/map). Without one configured it renders nothing: tinhso makes no outside calls
// by default, and the place is then given in words. Leaflet is loaded only when a map is shown.
import type { LeafletMouseEvent, Map as LeafletMap, CircleMarker } from 'leaflet';
import { useEffect, useRef } from 'preact/hooks';
import { useApi } from '../use-load';

interface MapSettings {
  tile_url: string | null;
  attribution: string;
  center: { lat: number; lon: number };
  zoom: number;
}

export interface Place {
  lat: number;
  lon: number;
}

// Six decimals: about 10 cm, what the server keeps.
const round = (x: number) => Math.round(x * 1e6) / 1e6;

export function PlaceMap({ place, onPick, label }: { place: Place | null; onPick?: (p: Place | null) => void; label: string }) {
  const settings = useApi<MapSettings>('/api/v1/public/map');
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<LeafletMap | null>(null);
  const marker = useRef<CircleMarker | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const s = settings.data;

  useEffect(() => {
    if (!s?.tile_url || !box.current) return;
    let gone = false;
    void Promise.all([import('leaflet'), import('leaflet/dist/leaflet.css')]).then(([L]) => {
      if (gone || !box.current) return;
      const start = place ?? { lat: s.center.lat, lon: s.center.lon };
      const m = L.map(box.current, { center: [start.lat, start.lon], zoom: place ? Math.max(s.zoom, 16) : s.zoom });
      L.tileLayer(s.tile_url!, { attribution: s.attribution, maxZoom: 19 }).addTo(m);
      m.attributionControl.setPrefix(false);
      if (pick.current) m.on('click', (e: LeafletMouseEvent) => pick.current?.({ lat: round(e.latlng.lat), lon: round(e.latlng.lng) }));
      map.current = m;
      marker.current = L.circleMarker([start.lat, start.lon], { radius: 9, color: '#b3261e', weight: 3, fillOpacity: 0.4 });
      if (place) marker.current.addTo(m);
    });
    return () => {
      gone = true;
      map.current?.remove();
      map.current = null;
    };
    // The map is made once per configuration; the chosen place moves its marker below.
  }, [s?.tile_url]);

  useEffect(() => {
    const m = map.current;
    const k = marker.current;
    if (!m || !k) return;
    if (place) {
      k.setLatLng([place.lat, place.lon]);
      if (!m.hasLayer(k)) k.addTo(m);
    } else if (m.hasLayer(k)) {
      k.remove();
    }
  }, [place?.lat, place?.lon]);

  if (!s?.tile_url) return null;
  return (
    <div class="field">
      <p id="place-map-label">{label}</p>
      <div ref={box} class="place-map" role="application" aria-labelledby="place-map-label" data-testid="place-map" />
      {place && (
        <p class="muted" data-testid="place-chosen">
          Vị trí: {place.lat.toFixed(6)}, {place.lon.toFixed(6)}
          {onPick && (
            <>
              {' '}
              <button type="button" class="link-button" onClick={() => onPick(null)}>
                Bỏ chọn vị trí
              </button>
            </>
          )}
        </p>
      )}
    </div>
  );
}
