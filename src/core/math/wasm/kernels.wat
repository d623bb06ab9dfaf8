;; SIMD kernels for core/math (k-center distances, facility-location gains). Compiled by
;; scripts/build-wasm.ts into kernels.ts (bytes), which a test checks against this source.
;; All pointers are byte offsets into the exported memory; row lengths are padded so that
;; rows are whole f32x4 vectors.
(module
  (memory (export "memory") 1)

  ;; out[k] = dot(row idx[k], centre) for k < count. Rows are dp floats long (dp % 4 == 0),
  ;; row r starts at byte r * dp * 4. Four listed rows per sweep over the centre, so each
  ;; centre load feeds four multiply-adds and four add chains run side by side.
  (func (export "dots") (param $c i32) (param $idx i32) (param $count i32) (param $dp i32) (param $out i32)
    (local $k i32) (local $q i32) (local $bytes i32) (local $cv v128) (local $o i32)
    (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $bytes (i32.shl (local.get $dp) (i32.const 2)))
    (block $done4
      (loop $rows4
        (br_if $done4 (i32.gt_u (i32.add (local.get $k) (i32.const 4)) (local.get $count)))
        (local.set $o (i32.add (local.get $idx) (i32.shl (local.get $k) (i32.const 2))))
        (local.set $r0 (i32.mul (i32.load offset=0 (local.get $o)) (local.get $bytes)))
        (local.set $r1 (i32.mul (i32.load offset=4 (local.get $o)) (local.get $bytes)))
        (local.set $r2 (i32.mul (i32.load offset=8 (local.get $o)) (local.get $bytes)))
        (local.set $r3 (i32.mul (i32.load offset=12 (local.get $o)) (local.get $bytes)))
        (local.set $a0 (v128.const f32x4 0 0 0 0))
        (local.set $a1 (v128.const f32x4 0 0 0 0))
        (local.set $a2 (v128.const f32x4 0 0 0 0))
        (local.set $a3 (v128.const f32x4 0 0 0 0))
        (local.set $q (i32.const 0))
        (block $endq
          (loop $cols
            (br_if $endq (i32.ge_u (local.get $q) (local.get $bytes)))
            (local.set $cv (v128.load (i32.add (local.get $c) (local.get $q))))
            (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (v128.load (i32.add (local.get $r0) (local.get $q))) (local.get $cv))))
            (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (v128.load (i32.add (local.get $r1) (local.get $q))) (local.get $cv))))
            (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (v128.load (i32.add (local.get $r2) (local.get $q))) (local.get $cv))))
            (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (v128.load (i32.add (local.get $r3) (local.get $q))) (local.get $cv))))
            (local.set $q (i32.add (local.get $q) (i32.const 16)))
            (br $cols)))
        (local.set $o (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 2))))
        (f32.store offset=0 (local.get $o) (call $hsum (local.get $a0)))
        (f32.store offset=4 (local.get $o) (call $hsum (local.get $a1)))
        (f32.store offset=8 (local.get $o) (call $hsum (local.get $a2)))
        (f32.store offset=12 (local.get $o) (call $hsum (local.get $a3)))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $rows4)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $k) (local.get $count)))
        (local.set $r0 (i32.mul (i32.load (i32.add (local.get $idx) (i32.shl (local.get $k) (i32.const 2)))) (local.get $bytes)))
        (local.set $a0 (v128.const f32x4 0 0 0 0))
        (local.set $q (i32.const 0))
        (block $endq1
          (loop $cols1
            (br_if $endq1 (i32.ge_u (local.get $q) (local.get $bytes)))
            (local.set $a0 (f32x4.add (local.get $a0)
              (f32x4.mul (v128.load (i32.add (local.get $r0) (local.get $q))) (v128.load (i32.add (local.get $c) (local.get $q))))))
            (local.set $q (i32.add (local.get $q) (i32.const 16)))
            (br $cols1)))
        (f32.store (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 2))) (call $hsum (local.get $a0)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $rows))))

  ;; out[k] = dot(row from + k, centre) for k < count: contiguous rows starting at byte $x,
  ;; four rows per sweep over the centre so each centre load feeds four multiply-adds.
  (func (export "dotsRange") (param $c i32) (param $x i32) (param $from i32) (param $count i32) (param $dp i32) (param $out i32)
    (local $k i32) (local $p i32) (local $q i32) (local $bytes i32) (local $cv v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $o i32)
    (local.set $bytes (i32.shl (local.get $dp) (i32.const 2)))
    (local.set $p (i32.add (local.get $x) (i32.mul (local.get $from) (local.get $bytes))))
    (block $done4
      (loop $rows4
        (br_if $done4 (i32.gt_u (i32.add (local.get $k) (i32.const 4)) (local.get $count)))
        (local.set $a0 (v128.const f32x4 0 0 0 0))
        (local.set $a1 (v128.const f32x4 0 0 0 0))
        (local.set $a2 (v128.const f32x4 0 0 0 0))
        (local.set $a3 (v128.const f32x4 0 0 0 0))
        (local.set $q (i32.const 0))
        (block $endq
          (loop $cols
            (br_if $endq (i32.ge_u (local.get $q) (local.get $bytes)))
            (local.set $cv (v128.load (i32.add (local.get $c) (local.get $q))))
            (local.set $o (i32.add (local.get $p) (local.get $q)))
            (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (v128.load (local.get $o)) (local.get $cv))))
            (local.set $o (i32.add (local.get $o) (local.get $bytes)))
            (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (v128.load (local.get $o)) (local.get $cv))))
            (local.set $o (i32.add (local.get $o) (local.get $bytes)))
            (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (v128.load (local.get $o)) (local.get $cv))))
            (local.set $o (i32.add (local.get $o) (local.get $bytes)))
            (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (v128.load (local.get $o)) (local.get $cv))))
            (local.set $q (i32.add (local.get $q) (i32.const 16)))
            (br $cols)))
        (local.set $o (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 2))))
        (f32.store offset=0 (local.get $o) (call $hsum (local.get $a0)))
        (f32.store offset=4 (local.get $o) (call $hsum (local.get $a1)))
        (f32.store offset=8 (local.get $o) (call $hsum (local.get $a2)))
        (f32.store offset=12 (local.get $o) (call $hsum (local.get $a3)))
        (local.set $p (i32.add (local.get $p) (i32.shl (local.get $bytes) (i32.const 2))))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $rows4)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $k) (local.get $count)))
        (local.set $a0 (v128.const f32x4 0 0 0 0))
        (local.set $q (i32.const 0))
        (block $endq1
          (loop $cols1
            (br_if $endq1 (i32.ge_u (local.get $q) (local.get $bytes)))
            (local.set $a0 (f32x4.add (local.get $a0)
              (f32x4.mul (v128.load (i32.add (local.get $p) (local.get $q))) (v128.load (i32.add (local.get $c) (local.get $q))))))
            (local.set $q (i32.add (local.get $q) (i32.const 16)))
            (br $cols1)))
        (f32.store (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 2))) (call $hsum (local.get $a0)))
        (local.set $p (i32.add (local.get $p) (local.get $bytes)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $rows))))

  (func $hsum (param $v v128) (result f32)
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $v)) (f32x4.extract_lane 1 (local.get $v)))
      (f32.add (f32x4.extract_lane 2 (local.get $v)) (f32x4.extract_lane 3 (local.get $v)))))

  ;; Σ_i max(0, s·w_i − cov_i) over n floats (n % 4 == 0; padding holds zeros in both; cov ≥ 0).
  (func (export "gain") (param $w i32) (param $cov i32) (param $n i32) (param $s f32) (result f32)
    (local $q i32) (local $bytes i32) (local $a v128) (local $b v128) (local $x v128) (local $sv v128)
    (local.set $bytes (i32.shl (local.get $n) (i32.const 2)))
    (local.set $sv (f32x4.splat (local.get $s)))
    (block $end
      (loop $l
        (br_if $end (i32.ge_u (local.get $q) (local.get $bytes)))
        (local.set $x (v128.load (i32.add (local.get $cov) (local.get $q))))
        (local.set $a (f32x4.add (local.get $a)
          (f32x4.sub (f32x4.max (f32x4.mul (local.get $sv) (v128.load (i32.add (local.get $w) (local.get $q)))) (local.get $x)) (local.get $x))))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br_if $end (i32.ge_u (local.get $q) (local.get $bytes)))
        (local.set $x (v128.load (i32.add (local.get $cov) (local.get $q))))
        (local.set $b (f32x4.add (local.get $b)
          (f32x4.sub (f32x4.max (f32x4.mul (local.get $sv) (v128.load (i32.add (local.get $w) (local.get $q)))) (local.get $x)) (local.get $x))))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $l)))
    (call $hsum (f32x4.add (local.get $a) (local.get $b))))

  ;; cov_i = max(cov_i, s·w_i) over n floats (n % 4 == 0).
  (func (export "cover") (param $w i32) (param $cov i32) (param $n i32) (param $s f32)
    (local $q i32) (local $bytes i32) (local $p i32) (local $sv v128)
    (local.set $bytes (i32.shl (local.get $n) (i32.const 2)))
    (local.set $sv (f32x4.splat (local.get $s)))
    (block $end
      (loop $l
        (br_if $end (i32.ge_u (local.get $q) (local.get $bytes)))
        (local.set $p (i32.add (local.get $cov) (local.get $q)))
        (v128.store (local.get $p)
          (f32x4.max (v128.load (local.get $p)) (f32x4.mul (local.get $sv) (v128.load (i32.add (local.get $w) (local.get $q))))))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $l))))

  ;; sums[assign[i]] += row i, for i < n (f32x4 lanes; rows and sums dp floats, dp % 4 == 0):
  ;; k-means' centroid update without a JS loop over every value.
  (func (export "accumulate") (param $x i32) (param $assign i32) (param $n i32) (param $dp i32) (param $sums i32)
    (local $i i32) (local $q i32) (local $bytes i32) (local $row i32) (local $dst i32)
    (local.set $bytes (i32.shl (local.get $dp) (i32.const 2)))
    (local.set $row (local.get $x))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $dst (i32.add (local.get $sums)
          (i32.mul (i32.load (i32.add (local.get $assign) (i32.shl (local.get $i) (i32.const 2)))) (local.get $bytes))))
        (local.set $q (i32.const 0))
        (block $endq
          (loop $cols
            (br_if $endq (i32.ge_u (local.get $q) (local.get $bytes)))
            (v128.store (i32.add (local.get $dst) (local.get $q))
              (f32x4.add (v128.load (i32.add (local.get $dst) (local.get $q))) (v128.load (i32.add (local.get $row) (local.get $q)))))
            (local.set $q (i32.add (local.get $q) (i32.const 16)))
            (br $cols)))
        (local.set $row (i32.add (local.get $row) (local.get $bytes)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))
)
