;; One k-center greedy step in WebAssembly (core/math/kcenterSimd.ts drives it). Compiled by
;; scripts/build-wasm.ts into kcenterStep.ts (bytes), which a test checks against this source.
;;
;; Rows are dp floats long (dp % 8 == 0, padding zero), row r at byte r·bytes (the matrix
;; starts at byte 0). Each centre s owns a segment of a slot pool: row[p] (i32) and its
;; squared distance to s, segD[p] (f64), for p in [start[s], start[s] + len[s]). Picked rows
;; are in no segment. Segment K (= k) holds every row before the first step. A step appends
;; the new centre's segment at the pool's end (global $end); the driver compacts the pool.
;;
;; The arithmetic is the plain loop's, step for step (f64 from f32 inner products, the same
;; margins, the smallest row on ties), so the picks do not depend on which path ran.
(module
  (memory (export "memory") 1)
  (global $bytes (mut i32) (i32.const 0))
  (global $d (mut i32) (i32.const 0))
  (global $norms (mut i32) (i32.const 0))
  (global $row (mut i32) (i32.const 0))
  (global $segD (mut i32) (i32.const 0))
  (global $start (mut i32) (i32.const 0))
  (global $len (mut i32) (i32.const 0))
  (global $farD (mut i32) (i32.const 0))
  (global $farI (mut i32) (i32.const 0))
  (global $picks (mut i32) (i32.const 0))
  (global $idx (mut i32) (i32.const 0))
  (global $dot (mut i32) (i32.const 0))
  (global $scd (mut i32) (i32.const 0))
  (global $tpos (mut i32) (i32.const 0))
  (global $qs (mut i32) (i32.const 0))
  (global $out (mut i32) (i32.const 0))
  (global $K (mut i32) (i32.const 0))
  (global $m1 (mut f64) (f64.const 0))

  ;; Where everything lives (byte offsets; see kcenterSimd.ts). out: [far i32, owner i32,
  ;; best f64, end i32] written by step; end is also read back from there.
  (func (export "setup") (param $bytes i32) (param $d i32) (param $norms i32) (param $row i32)
    (param $segD i32) (param $start i32) (param $len i32) (param $farD i32) (param $farI i32)
    (param $picks i32) (param $idx i32) (param $dot i32) (param $scd i32) (param $tpos i32)
    (param $qs i32) (param $out i32) (param $K i32) (param $m1 f64)
    (global.set $bytes (local.get $bytes)) (global.set $d (local.get $d))
    (global.set $norms (local.get $norms)) (global.set $row (local.get $row))
    (global.set $segD (local.get $segD)) (global.set $start (local.get $start))
    (global.set $len (local.get $len)) (global.set $farD (local.get $farD))
    (global.set $farI (local.get $farI)) (global.set $picks (local.get $picks))
    (global.set $idx (local.get $idx)) (global.set $dot (local.get $dot))
    (global.set $scd (local.get $scd)) (global.set $tpos (local.get $tpos))
    (global.set $qs (local.get $qs))
    (global.set $out (local.get $out)) (global.set $K (local.get $K)) (global.set $m1 (local.get $m1)))

  ;; out[k] = dot(row idx[k], row at byte c) for k < count, rows dp floats with dp % 8 == 0:
  ;; kernels.wat's "dots" (the same lane order and final sums, so the same bits), four listed
  ;; rows per sweep, two vectors per row and step, walking pointers (fewer instructions per
  ;; multiply-add than indexing from one column offset).
  (func $dots (param $c i32) (param $idx i32) (param $count i32) (param $out i32)
    (local $k i32) (local $cp i32) (local $ce i32) (local $cv v128) (local $o i32)
    (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $ce (i32.add (local.get $c) (global.get $bytes)))
    (block $done4
      (loop $rows4
        (br_if $done4 (i32.gt_u (i32.add (local.get $k) (i32.const 4)) (local.get $count)))
        (local.set $o (i32.add (local.get $idx) (i32.shl (local.get $k) (i32.const 2))))
        (local.set $r0 (i32.mul (i32.load offset=0 (local.get $o)) (global.get $bytes)))
        (local.set $r1 (i32.mul (i32.load offset=4 (local.get $o)) (global.get $bytes)))
        (local.set $r2 (i32.mul (i32.load offset=8 (local.get $o)) (global.get $bytes)))
        (local.set $r3 (i32.mul (i32.load offset=12 (local.get $o)) (global.get $bytes)))
        (local.set $a0 (i32x4.splat (i32.const 0)))
        (local.set $a1 (i32x4.splat (i32.const 0)))
        (local.set $a2 (i32x4.splat (i32.const 0)))
        (local.set $a3 (i32x4.splat (i32.const 0)))
        (local.set $cp (local.get $c))
        (block $endq
          (loop $cols
            (br_if $endq (i32.ge_u (local.get $cp) (local.get $ce)))
            (local.set $cv (v128.load (local.get $cp)))
            (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (v128.load (local.get $r0)) (local.get $cv))))
            (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (v128.load (local.get $r1)) (local.get $cv))))
            (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (v128.load (local.get $r2)) (local.get $cv))))
            (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (v128.load (local.get $r3)) (local.get $cv))))
            (local.set $cv (v128.load offset=16 (local.get $cp)))
            (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (v128.load offset=16 (local.get $r0)) (local.get $cv))))
            (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (v128.load offset=16 (local.get $r1)) (local.get $cv))))
            (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (v128.load offset=16 (local.get $r2)) (local.get $cv))))
            (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (v128.load offset=16 (local.get $r3)) (local.get $cv))))
            (local.set $r0 (i32.add (local.get $r0) (i32.const 32)))
            (local.set $r1 (i32.add (local.get $r1) (i32.const 32)))
            (local.set $r2 (i32.add (local.get $r2) (i32.const 32)))
            (local.set $r3 (i32.add (local.get $r3) (i32.const 32)))
            (local.set $cp (i32.add (local.get $cp) (i32.const 32)))
            (br $cols)))
        ;; [hsum a0, hsum a1, hsum a2, hsum a3] by pairs (see $pairs), written out inline.
        (local.set $a0 (f32x4.add
          (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $a0) (local.get $a1))
          (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $a0) (local.get $a1))))
        (local.set $a2 (f32x4.add
          (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $a2) (local.get $a3))
          (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $a2) (local.get $a3))))
        (v128.store (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 2)))
          (f32x4.add
            (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $a0) (local.get $a2))
            (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $a0) (local.get $a2))))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $rows4)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $k) (local.get $count)))
        (local.set $r0 (i32.mul (i32.load (i32.add (local.get $idx) (i32.shl (local.get $k) (i32.const 2)))) (global.get $bytes)))
        (local.set $a0 (i32x4.splat (i32.const 0)))
        (local.set $cp (local.get $c))
        (block $endq1
          (loop $cols1
            (br_if $endq1 (i32.ge_u (local.get $cp) (local.get $ce)))
            (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (v128.load (local.get $r0)) (v128.load (local.get $cp)))))
            (local.set $r0 (i32.add (local.get $r0) (i32.const 16)))
            (local.set $cp (i32.add (local.get $cp) (i32.const 16)))
            (br $cols1)))
        ;; lane 0 of pairs(pairs(a, a), ·) is (l0 + l1) + (l2 + l3), as kernels.wat's hsum.
        (f32.store (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 2)))
          (f32x4.extract_lane 0 (call $pairs (call $pairs (local.get $a0) (local.get $a0)) (local.get $a0))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $rows))))

  ;; [x0+x1, x2+x3, y0+y1, y2+y3].
  (func $pairs (param $x v128) (param $y v128) (result v128)
    (f32x4.add
      (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $x) (local.get $y))
      (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $x) (local.get $y))))

  ;; Σ_q (x_iq − x_cq)² in f64 over the d real columns, as the plain loop sums it.
  (func $exact (param $i i32) (param $c i32) (result f64)
    (local $s f64) (local $v f64) (local $q i32)
    (local.set $i (i32.mul (local.get $i) (global.get $bytes)))
    (local.set $c (i32.mul (local.get $c) (global.get $bytes)))
    (block $end
      (loop $l
        (br_if $end (i32.ge_u (local.get $q) (i32.shl (global.get $d) (i32.const 2))))
        (local.set $v (f64.sub (f64.promote_f32 (f32.load (i32.add (local.get $i) (local.get $q))))
          (f64.promote_f32 (f32.load (i32.add (local.get $c) (local.get $q))))))
        (local.set $s (f64.add (local.get $s) (f64.mul (local.get $v) (local.get $v))))
        (local.set $q (i32.add (local.get $q) (i32.const 4)))
        (br $l)))
    (local.get $s))

  ;; Pick t is row c, owned by centre `own` until now. prune = 0 measures every member of every
  ;; centre (the first step measures segment K). Returns how many rows the plain loop measures
  ;; (the picked rows it lists included); writes
  ;; the next pick (farthest unpicked row, smallest row on ties; -1 when none) to out.
  (func (export "step") (param $t i32) (param $c i32) (param $own i32) (param $prune i32) (result i32)
    (local $cn f64) (local $co i32) (local $s i32) (local $u i32) (local $m i32) (local $nsc i32)
    (local $count i32) (local $p i32) (local $e i32) (local $i i32) (local $cd f64) (local $dd f64)
    (local $ni f64) (local $w i32) (local $wn i32) (local $best f64) (local $bi i32)
    (local $bestT f64) (local $bestTI i32) (local $r f64) (local $fs i32) (local $extra i32)
    (local $q i32) (local $qe i32) (local $fi i32) (local $moved i32) (local $refar i32)
    (local $Gbytes i32) (local $Gnorms i32) (local $Grow i32) (local $GsegD i32) (local $Gstart i32) (local $Glen i32) (local $GfarD i32) (local $GfarI i32) (local $Gpicks i32) (local $Gidx i32) (local $Gdot i32) (local $Gscd i32) (local $Gtpos i32) (local $Gqs i32) (local $Gout i32) (local $GK i32) (local $Gm1 f64)
    ;; Globals into locals: V8 reloads a global from the instance at every use.
    (local.set $Gbytes (global.get $bytes))
    (local.set $Gnorms (global.get $norms))
    (local.set $Grow (global.get $row))
    (local.set $GsegD (global.get $segD))
    (local.set $Gstart (global.get $start))
    (local.set $Glen (global.get $len))
    (local.set $GfarD (global.get $farD))
    (local.set $GfarI (global.get $farI))
    (local.set $Gpicks (global.get $picks))
    (local.set $Gidx (global.get $idx))
    (local.set $Gdot (global.get $dot))
    (local.set $Gscd (global.get $scd))
    (local.set $Gtpos (global.get $tpos))
    (local.set $Gqs (global.get $qs))
    (local.set $Gout (global.get $out))
    (local.set $GK (global.get $K))
    (local.set $Gm1 (global.get $m1))
    (local.set $cn (f64.load (i32.add (local.get $Gnorms) (i32.shl (local.get $c) (i32.const 3)))))
    (local.set $co (i32.mul (local.get $c) (local.get $Gbytes)))
    ;; Centres to scan, into idx[0..nsc) with their centre distances in scd.
    (if (i32.eqz (local.get $t))
      (then
        (i32.store (local.get $Gidx) (local.get $GK))
        (local.set $nsc (i32.const 1))
        (local.set $extra (i32.const 1)))
      (else
        (if (local.get $prune)
          (then
            ;; Inner products of c with the centres that still own rows (tpos as the list).
            (loop $l
              (if (i32.load (i32.add (local.get $Glen) (i32.shl (local.get $s) (i32.const 2))))
                (then
                  (i32.store (i32.add (local.get $Gtpos) (i32.shl (local.get $m) (i32.const 2)))
                    (i32.load (i32.add (local.get $Gpicks) (i32.shl (local.get $s) (i32.const 2)))))
                  (local.set $m (i32.add (local.get $m) (i32.const 1)))))
              (br_if $l (i32.lt_u (local.tee $s (i32.add (local.get $s) (i32.const 1))) (local.get $t))))
            (call $dots (local.get $co) (local.get $Gtpos) (local.get $m) (local.get $Gdot))
            (local.set $m (i32.const 0))
            (local.set $s (i32.const 0))))
        (loop $l
          (if (i32.load (i32.add (local.get $Glen) (i32.shl (local.get $s) (i32.const 2))))
            (then
              (block $skip
                (if (local.get $prune)
                  (then
                    (local.set $cd (f64.max (f64.const 0)
                      (f64.sub
                        (f64.add (local.get $cn)
                          (f64.load (i32.add (local.get $Gnorms) (i32.shl
                            (i32.load (i32.add (local.get $Gpicks) (i32.shl (local.get $s) (i32.const 2)))) (i32.const 3)))))
                        (f64.mul (f64.const 2) (f64.promote_f32
                          (f32.load (i32.add (local.get $Gdot) (i32.shl (local.get $m) (i32.const 2)))))))))
                    (local.set $m (i32.add (local.get $m) (i32.const 1)))
                    (br_if $skip (i32.and
                      (f64.ge (local.get $cd) (f64.add (f64.mul (f64.mul (f64.const 4)
                        (f64.load (i32.add (local.get $GfarD) (i32.shl (local.get $s) (i32.const 3)))))
                        (local.get $Gm1)) (f64.const 1e-12)))
                      (i32.ne (local.get $s) (local.get $own))))))
                ;; Counted as the plain loop counts: it also lists s's own (picked) row when it
                ;; measures every member or c sits on top of it, and so switches pruning alike.
                (if (i32.or (i32.eqz (local.get $prune)) (f64.lt (local.get $cd) (f64.const 1e-12)))
                  (then (local.set $extra (i32.add (local.get $extra) (i32.const 1)))))
                (i32.store (i32.add (local.get $Gidx) (i32.shl (local.get $nsc) (i32.const 2))) (local.get $s))
                (f64.store (i32.add (local.get $Gscd) (i32.shl (local.get $nsc) (i32.const 3))) (local.get $cd))
                (local.set $nsc (i32.add (local.get $nsc) (i32.const 1))))))
          (br_if $l (i32.lt_u (local.tee $s (i32.add (local.get $s) (i32.const 1))) (local.get $t))))))
    ;; The members to measure: row ids into row-list ids (after the scan list), slots into tpos.
    ;; (ids: idx + 4·(nsc + count); the scan list stays in front.)
    (local.set $m (i32.add (local.get $Gidx) (i32.shl (local.get $nsc) (i32.const 2))))
    (local.set $u (i32.const 0))
    (block $end
      (loop $l
        (br_if $end (i32.ge_u (local.get $u) (local.get $nsc)))
        (local.set $s (i32.shl (i32.load (i32.add (local.get $Gidx) (i32.shl (local.get $u) (i32.const 2)))) (i32.const 2)))
        (local.set $cd (f64.load (i32.add (local.get $Gscd) (i32.shl (local.get $u) (i32.const 3)))))
        (i32.store (i32.add (local.get $Gqs) (i32.shl (local.get $u) (i32.const 2))) (local.get $count))
        (local.set $p (i32.load (i32.add (local.get $Gstart) (local.get $s))))
        (local.set $e (i32.add (local.get $p) (i32.load (i32.add (local.get $Glen) (local.get $s)))))
        (block $segEnd
          (loop $seg
            (br_if $segEnd (i32.ge_u (local.get $p) (local.get $e)))
            (local.set $i (i32.load (i32.add (local.get $Grow) (i32.shl (local.get $p) (i32.const 2)))))
            (if (i32.and (i32.ne (local.get $i) (local.get $c))
                  (i32.or (i32.eqz (local.get $prune))
                    (f64.lt (local.get $cd) (f64.add (f64.mul (f64.mul (f64.const 4)
                      (f64.load (i32.add (local.get $GsegD) (i32.shl (local.get $p) (i32.const 3)))))
                      (local.get $Gm1)) (f64.const 1e-12)))))
              (then
                (i32.store (i32.add (local.get $m) (i32.shl (local.get $count) (i32.const 2))) (local.get $i))
                (i32.store (i32.add (local.get $Gtpos) (i32.shl (local.get $count) (i32.const 2))) (local.get $p))
                (local.set $count (i32.add (local.get $count) (i32.const 1)))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $seg)))
        (local.set $u (i32.add (local.get $u) (i32.const 1)))
        (br $l)))
    (i32.store (i32.add (local.get $Gqs) (i32.shl (local.get $nsc) (i32.const 2))) (local.get $count))
    (call $dots (local.get $co) (local.get $m) (local.get $count) (local.get $Gdot))
    ;; Per scanned segment: relax its measured rows (a row that gets closer to c takes the new
    ;; distance and joins t's segment at the pool's end; its slot is emptied, -1); then, where
    ;; rows left or c sits, close the segment up, and find its farthest row again where that
    ;; one left (c always: it was its centre's farthest). Smallest row on ties throughout.
    (local.set $wn (i32.load offset=16 (local.get $Gout)))
    (local.set $bestT (f64.const -1))
    (local.set $bestTI (i32.const -1))
    (local.set $u (i32.const 0))
    (local.set $q (i32.const 0))
    (block $end
      (loop $l
        (br_if $end (i32.ge_u (local.get $u) (local.get $nsc)))
        (local.set $s (i32.shl (i32.load (i32.add (local.get $Gidx) (i32.shl (local.get $u) (i32.const 2)))) (i32.const 2)))
        (local.set $fi (i32.load (i32.add (local.get $GfarI) (local.get $s))))
        (local.set $moved (i32.const 0))
        (local.set $refar (i32.eq (local.get $s) (i32.shl (local.get $own) (i32.const 2))))
        (local.set $qe (i32.load offset=4 (i32.add (local.get $Gqs) (i32.shl (local.get $u) (i32.const 2)))))
        (block $rEnd
          (loop $r
            (br_if $rEnd (i32.ge_u (local.get $q) (local.get $qe)))
            (local.set $i (i32.load (i32.add (local.get $m) (i32.shl (local.get $q) (i32.const 2)))))
            (local.set $p (i32.load (i32.add (local.get $Gtpos) (i32.shl (local.get $q) (i32.const 2)))))
            (local.set $ni (f64.load (i32.add (local.get $Gnorms) (i32.shl (local.get $i) (i32.const 3)))))
            (local.set $dd (f64.sub (f64.add (local.get $ni) (local.get $cn))
              (f64.mul (f64.const 2) (f64.promote_f32 (f32.load (i32.add (local.get $Gdot) (i32.shl (local.get $q) (i32.const 2))))))))
            (if (f64.lt (local.get $dd) (f64.mul (f64.const 1e-4) (f64.add (local.get $ni) (local.get $cn))))
              (then (local.set $dd (call $exact (local.get $i) (local.get $c)))))
            (if (f64.lt (local.get $dd) (f64.load (i32.add (local.get $GsegD) (i32.shl (local.get $p) (i32.const 3)))))
              (then
                (i32.store (i32.add (local.get $Grow) (i32.shl (local.get $p) (i32.const 2))) (i32.const -1))
                (i32.store (i32.add (local.get $Grow) (i32.shl (local.get $wn) (i32.const 2))) (local.get $i))
                (f64.store (i32.add (local.get $GsegD) (i32.shl (local.get $wn) (i32.const 3))) (local.get $dd))
                (local.set $wn (i32.add (local.get $wn) (i32.const 1)))
                (local.set $moved (i32.const 1))
                (if (i32.eq (local.get $i) (local.get $fi)) (then (local.set $refar (i32.const 1))))
                (if (i32.or (f64.gt (local.get $dd) (local.get $bestT))
                      (i32.and (f64.eq (local.get $dd) (local.get $bestT)) (i32.lt_s (local.get $i) (local.get $bestTI))))
                  (then (local.set $bestT (local.get $dd)) (local.set $bestTI (local.get $i))))))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (br $r)))
        (if (i32.or (local.get $moved) (local.get $refar))
          (then
            (local.set $p (i32.load (i32.add (local.get $Gstart) (local.get $s))))
            (local.set $w (local.get $p))
            (local.set $e (i32.add (local.get $p) (i32.load (i32.add (local.get $Glen) (local.get $s)))))
            (local.set $best (f64.const -1))
            (local.set $bi (i32.const -1))
            (block $segEnd
              (loop $seg
                (br_if $segEnd (i32.ge_u (local.get $p) (local.get $e)))
                (local.set $i (i32.load (i32.add (local.get $Grow) (i32.shl (local.get $p) (i32.const 2)))))
                (if (i32.and (i32.ge_s (local.get $i) (i32.const 0)) (i32.ne (local.get $i) (local.get $c)))
                  (then
                    (local.set $r (f64.load (i32.add (local.get $GsegD) (i32.shl (local.get $p) (i32.const 3)))))
                    (if (i32.or (f64.gt (local.get $r) (local.get $best))
                          (i32.and (f64.eq (local.get $r) (local.get $best)) (i32.lt_s (local.get $i) (local.get $bi))))
                      (then (local.set $best (local.get $r)) (local.set $bi (local.get $i))))
                    (if (i32.ne (local.get $w) (local.get $p))
                      (then
                        (i32.store (i32.add (local.get $Grow) (i32.shl (local.get $w) (i32.const 2))) (local.get $i))
                        (f64.store (i32.add (local.get $GsegD) (i32.shl (local.get $w) (i32.const 3))) (local.get $r))))
                    (local.set $w (i32.add (local.get $w) (i32.const 1)))))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $seg)))
            (i32.store (i32.add (local.get $Glen) (local.get $s))
              (i32.sub (local.get $w) (i32.load (i32.add (local.get $Gstart) (local.get $s)))))
            (if (local.get $refar)
              (then
                (f64.store (i32.add (local.get $GfarD) (i32.shl (local.get $s) (i32.const 1))) (local.get $best))
                (i32.store (i32.add (local.get $GfarI) (local.get $s)) (local.get $bi))))))
        (local.set $u (i32.add (local.get $u) (i32.const 1)))
        (br $l)))
    (local.set $s (i32.shl (local.get $t) (i32.const 2)))
    (local.set $p (i32.load offset=16 (local.get $Gout)))
    (i32.store (i32.add (local.get $Gstart) (local.get $s)) (local.get $p))
    (i32.store (i32.add (local.get $Glen) (local.get $s)) (i32.sub (local.get $wn) (local.get $p)))
    (f64.store (i32.add (local.get $GfarD) (i32.shl (local.get $s) (i32.const 1))) (local.get $bestT))
    (i32.store (i32.add (local.get $GfarI) (local.get $s)) (local.get $bestTI))
    (i32.store offset=16 (local.get $Gout) (local.get $wn))
    ;; The next pick: the farthest of the centres' farthest rows (smallest row on ties).
    (local.set $best (f64.const -1))
    (local.set $bi (i32.const -1))
    (local.set $fs (i32.const -1))
    (local.set $s (i32.const 0))
    (loop $l
      (if (i32.load (i32.add (local.get $Glen) (i32.shl (local.get $s) (i32.const 2))))
        (then
          (local.set $r (f64.load (i32.add (local.get $GfarD) (i32.shl (local.get $s) (i32.const 3)))))
          (local.set $i (i32.load (i32.add (local.get $GfarI) (i32.shl (local.get $s) (i32.const 2)))))
          (if (i32.or (f64.gt (local.get $r) (local.get $best))
                (i32.and (f64.eq (local.get $r) (local.get $best)) (i32.lt_s (local.get $i) (local.get $bi))))
            (then (local.set $best (local.get $r)) (local.set $bi (local.get $i)) (local.set $fs (local.get $s))))))
      (br_if $l (i32.le_u (local.tee $s (i32.add (local.get $s) (i32.const 1))) (local.get $t))))
    (i32.store (local.get $Gout) (local.get $bi))
    (i32.store offset=4 (local.get $Gout) (local.get $fs))
    (f64.store offset=8 (local.get $Gout) (local.get $best))
    (i32.add (local.get $count) (local.get $extra)))
)
