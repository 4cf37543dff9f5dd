package org.dect.testdata;

import java.util.List;
import java.util.Locale;

/**
 * The body parts the phantom simulates: an outline of skin over subcutaneous fat over soft tissue,
 * bones with a cortex and a trabecular interior, and the sites where gout and calcium deposits
 * grow. Positions are patient millimetres in the slice plane (x across, y from dorsal or anterior,
 * negative, to volar or posterior, positive) and, along the scanned length, a fraction of it from
 * the first slice, so that a longer scan stretches the anatomy, never cuts it off.
 *
 * <p>The sizes follow the adult anatomy's round figures: a wrist 64 × 42 mm, a forefoot 92 × 50 mm at
 * the metatarsal heads, a knee 124 × 112 mm. Small bones are there on purpose: carpals and the
 * pisiform at the wrist, the hallux sesamoids under the first metatarsal head, the patella; a rule
 * that tells bone from calcium deposits must keep them apart.
 */
public enum Anatomy {

    /** Distal forearm (radius and ulna, ending at 60 % of the scan) and the proximal carpal row beyond. */
    WRIST(120, 6, new Ellipsoid(0, 0, 0, 32, 21, Double.POSITIVE_INFINITY)) {
        @Override
        List<Bone> bones(Span s) {
            return List.of(
                    Bone.longBone("radius", new Capsule(-11, 2, s.z(0.60), 1, 10, 7.5, 6), 1.6),
                    Bone.longBone("ulna", new Capsule(12, 3, s.z(0.57), 1, 6.5, 5.5, 5), 1.6),
                    Bone.small("scaphoid", new Ellipsoid(-13, 1, s.z(0.84), 7, 5, 6), 0.9),
                    Bone.small("lunate", new Ellipsoid(-2, 1.5, s.z(0.82), 5, 5, 5), 0.9),
                    Bone.small("triquetrum", new Ellipsoid(8, 3, s.z(0.84), 4.5, 4, 5), 0.8),
                    Bone.small("pisiform", new Ellipsoid(10, 10.5, s.z(0.83), 3, 2.6, 3.5), 0.7));
        }

        @Override
        List<Site> urateSites() {
            return List.of(new Site("dorsal radiocarpal", -11, -11.5, 0.55), new Site("extensor carpi ulnaris sheath", 13, -9.5, 0.40),
                    new Site("distal radioulnar joint", 2.2, 2.0, 0.45), new Site("volar radiocarpal", -4, 12.5, 0.62),
                    new Site("ulnar styloid", 19, 8.5, 0.50), new Site("extensor tendon sheath", 5, -12.5, 0.78),
                    new Site("midcarpal", 3, -7, 0.92), new Site("flexor sheath", -4, 12, 0.25));
        }

        @Override
        List<Site> calciumSites() {
            return List.of(new Site("triangular fibrocartilage", 14, 1, 0.66), new Site("extensor sheath", -18, -9, 0.30),
                    new Site("volar capsule", -16, 11, 0.70), new Site("carpal tunnel", 0, 13, 0.85));
        }

        @Override
        CalcinosisRegion calcinosis() {
            return new CalcinosisRegion(List.of("subcutaneous fat pad", "dorsal tendon sheath", "carpal tunnel"), new double[][] {
                {0, 0, 0, 0}, {-20, 16, -15, -13}, {-14, 10, 11, 14}});
        }
    },

    /** Forefoot: the five metatarsals ending in their heads at half the scan, the proximal phalanges beyond the joints. */
    FOOT(120, 10, new Ellipsoid(0, 0, 0, 46, 25, Double.POSITIVE_INFINITY)) {
        @Override
        List<Bone> bones(Span s) {
            return List.of(
                    Bone.longBone("first metatarsal", new Capsule(-27, 1, s.z(0.50), 1, 8, 7.5, 7), 1.5),
                    Bone.longBone("second metatarsal", new Capsule(-13.5, -1, s.z(0.52), 1, 6, 6.5, 5), 1.2),
                    Bone.longBone("third metatarsal", new Capsule(-1, 0, s.z(0.51), 1, 5.5, 6, 5), 1.2),
                    Bone.longBone("fourth metatarsal", new Capsule(11, 1, s.z(0.50), 1, 5, 5.5, 4.5), 1.1),
                    Bone.longBone("fifth metatarsal", new Capsule(23, 2, s.z(0.48), 1, 5, 5, 4.5), 1.1),
                    Bone.longBone("hallux proximal phalanx", new Capsule(-27, 1, s.z(0.60), -1, 7.5, 6.5, 5), 1.2),
                    Bone.longBone("second proximal phalanx", new Capsule(-13.5, -1, s.z(0.62), -1, 5, 4.5, 4), 0.9),
                    Bone.longBone("third proximal phalanx", new Capsule(-1, 0, s.z(0.61), -1, 4.5, 4.5, 3.5), 0.9),
                    Bone.longBone("fourth proximal phalanx", new Capsule(11, 1, s.z(0.60), -1, 4.5, 4, 3.5), 0.9),
                    Bone.longBone("fifth proximal phalanx", new Capsule(23, 2, s.z(0.58), -1, 4, 4, 3), 0.8),
                    Bone.small("medial hallux sesamoid", new Ellipsoid(-30.5, 10, s.z(0.45), 3.2, 2.5, 4.5), 0.7),
                    Bone.small("lateral hallux sesamoid", new Ellipsoid(-23, 10, s.z(0.45), 2.8, 2.4, 4), 0.7));
        }

        @Override
        List<Site> urateSites() {
            return List.of(new Site("first MTP, medial", -36, 2, 0.55), new Site("first MTP, dorsal", -27, -10.7, 0.55),
                    new Site("second MTP, dorsal", -13.5, -12, 0.57), new Site("second flexor tendon", -13.5, 11, 0.30),
                    new Site("fifth MTP, lateral", 33.5, 2, 0.52), new Site("extensor hallucis longus", -20, -12, 0.30),
                    new Site("third intermetatarsal", 5, 10, 0.40), new Site("hallux interphalangeal", -33, -7, 0.85));
        }

        @Override
        List<Site> calciumSites() {
            return List.of(new Site("dorsalis pedis artery", -17, -13, 0.20), new Site("plantar fascia", 8, 16, 0.25),
                    new Site("dorsal capsule", 18, -11, 0.75), new Site("flexor sheath", -6, 13, 0.80));
        }

        @Override
        CalcinosisRegion calcinosis() {
            return new CalcinosisRegion(List.of("subcutaneous fat pad", "dorsal soft tissue", "plantar soft tissue"), new double[][] {
                {0, 0, 0, 0}, {-34, 30, -16, -10}, {-30, 28, 11, 15}});
        }
    },

    /** Knee: the distal femur ending at 72 % of the scan, the tibia beyond the joint space, the patella in front. */
    KNEE(180, 14, new Ellipsoid(0, 0, 0, 62, 56, Double.POSITIVE_INFINITY)) {
        @Override
        List<Bone> bones(Span s) {
            return List.of(
                    Bone.longBone("femur", new Capsule(0, 8, s.z(0.72), 1, 38, 27, 9), 2.0),
                    Bone.longBone("tibia", new Capsule(0, 10, s.z(0.80), -1, 36, 26, 6), 2.0),
                    Bone.small("patella", new Ellipsoid(0, -37, s.z(0.42), 20, 8.5, 16), 1.5));
        }

        @Override
        List<Site> urateSites() {
            return List.of(new Site("quadriceps tendon", 0, -43, 0.10), new Site("lateral patellar retinaculum", -28, -33, 0.42),
                    new Site("medial gutter", 42, -12, 0.45), new Site("popliteal fossa", 2, 43, 0.40),
                    new Site("lateral joint line", -47, 6, 0.76), new Site("posterior capsule", 18, 40, 0.70),
                    new Site("patellar tendon", 0, -42, 0.88), new Site("pes anserinus", 44, 20, 0.90));
        }

        @Override
        List<Site> calciumSites() {
            return List.of(new Site("lateral meniscus", -24, 12, 0.76), new Site("medial meniscus", 24, 12, 0.76),
                    new Site("popliteal artery", -6, 45, 0.25), new Site("prepatellar bursa", 10, -47, 0.30));
        }

        @Override
        CalcinosisRegion calcinosis() {
            return new CalcinosisRegion(List.of("subcutaneous fat", "joint line", "popliteal fossa"), new double[][] {
                {0, 0, 0, 0}, {-40, 40, 4, 20}, {-20, 20, 36, 46}});
        }
    };

    /** Field of view, mm: the extremity fills about half of it. */
    public final double fovMm;
    /** Water path a typical such body part gives the beam, cm (physics.md: wrist 5–6, forefoot 8–12, knee 12–15). */
    public final double waterPathCm;
    /** The skin's outline, an elliptic cylinder along the limb. */
    final Ellipsoid body;

    Anatomy(double fovMm, double waterPathCm, Ellipsoid body) {
        this.fovMm = fovMm;
        this.waterPathCm = waterPathCm;
        this.body = body;
    }

    abstract List<Bone> bones(Span span);

    /** Where tophi grow; the generator takes some of these, by the seed, and varies each. */
    abstract List<Site> urateSites();

    /** Where the calcium deposits of a gout scan sit (dystrophic, vascular, chondrocalcinosis). */
    abstract List<Site> calciumSites();

    /** Where the many deposits of a calcium-only scan are drawn from. */
    abstract CalcinosisRegion calcinosis();

    public static Anatomy parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown anatomy '" + text + "'; known: wrist, foot, knee");
        }
    }

    /** The scanned length along the limb: z of the first slice and the length to the last, mm. */
    record Span(double z0, double length) {
        double z(double fraction) {
            return z0 + fraction * length;
        }
    }

    /** A place a deposit may be centred: x, y in mm, z as a fraction of the scanned length. */
    record Site(String name, double x, double y, double zFraction) { }

    /**
     * Where calcinosis deposits are drawn: the first site in the subcutaneous fat layer all round, the
     * others in boxes {x from, x to, y from, y to} of the slice plane.
     */
    record CalcinosisRegion(List<String> sites, double[][] boxes) { }

    /**
     * A bone: its outline (cortex and interior together) and its interior, trabecular bone that is a
     * quarter cortical bone and the rest marrow of half fat, half soft tissue.
     */
    record Bone(String name, Shape outline, Shape interior) {

        static Bone longBone(String name, Capsule outline, double cortexMm) {
            return new Bone(name, outline, outline.shrunk(cortexMm));
        }

        static Bone small(String name, Ellipsoid outline, double cortexMm) {
            return new Bone(name, outline, outline.shrunk(cortexMm));
        }

        Bone scaledInPlane(double s) {
            return new Bone(name, scale(outline, s), scale(interior, s));
        }

        private static Shape scale(Shape shape, double s) {
            return shape instanceof Capsule c ? c.scaledInPlane(s) : ((Ellipsoid) shape).scaledInPlane(s);
        }
    }
}
