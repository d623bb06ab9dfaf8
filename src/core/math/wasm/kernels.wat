;; SIMD kernels for core/math (k-center distances, facility-location gains, k-means). Compiled by
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
        (local.set $a0 (i32x4.splat (i32.const 0)))
        (local.set $a1 (i32x4.splat (i32.const 0)))
        (local.set $a2 (i32x4.splat (i32.const 0)))
        (local.set $a3 (i32x4.splat (i32.const 0)))
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
        (v128.store (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 2)))
          (call $tsum (local.get $a0) (local.get $a1) (local.get $a2) (local.get $a3)))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $rows4)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $k) (local.get $count)))
        (local.set $r0 (i32.mul (i32.load (i32.add (local.get $idx) (i32.shl (local.get $k) (i32.const 2)))) (local.get $bytes)))
        (local.set $a0 (i32x4.splat (i32.const 0)))
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
        (local.set $a0 (i32x4.splat (i32.const 0)))
        (local.set $a1 (i32x4.splat (i32.const 0)))
        (local.set $a2 (i32x4.splat (i32.const 0)))
        (local.set $a3 (i32x4.splat (i32.const 0)))
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
        (v128.store (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 2)))
          (call $tsum (local.get $a0) (local.get $a1) (local.get $a2) (local.get $a3)))
        (local.set $p (i32.add (local.get $p) (i32.shl (local.get $bytes) (i32.const 2))))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $rows4)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $k) (local.get $count)))
        (local.set $a0 (i32x4.splat (i32.const 0)))
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

  ;; Four centres against contiguous rows: out[r·ostride/4 + k] = dot(centre r, row from + k)
  ;; for r < 4, k < count; centre r starts at byte c + r·dp·4. Two rows per sweep, so each row
  ;; load feeds four multiply-adds and each centre load two (eight add chains); the Gram blocks
  ;; of facility location and kNN run ~2× faster than four dotsRange calls. Same lane order and
  ;; final sum as dotsRange, so the same bits; the eight sums are formed two vectors at a time
  ;; (inline shuffles, not eight hsum calls: ~0.7× the time of a Gram block).
  (func (export "dots4Range") (param $c i32) (param $x i32) (param $from i32) (param $count i32) (param $dp i32) (param $out i32) (param $ostride i32)
    (local $k i32) (local $p i32) (local $q i32) (local $bytes i32) (local $o i32)
    (local $c1 i32) (local $c2 i32) (local $c3 i32) (local $x0 v128) (local $x1 v128) (local $cv v128)
    (local $a00 v128) (local $a01 v128) (local $a10 v128) (local $a11 v128)
    (local $a20 v128) (local $a21 v128) (local $a30 v128) (local $a31 v128)
    (local.set $bytes (i32.shl (local.get $dp) (i32.const 2)))
    (local.set $c1 (i32.add (local.get $c) (local.get $bytes)))
    (local.set $c2 (i32.add (local.get $c1) (local.get $bytes)))
    (local.set $c3 (i32.add (local.get $c2) (local.get $bytes)))
    (local.set $p (i32.add (local.get $x) (i32.mul (local.get $from) (local.get $bytes))))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $k) (local.get $count)))
        (local.set $a00 (i32x4.splat (i32.const 0)))
        (local.set $a01 (i32x4.splat (i32.const 0)))
        (local.set $a10 (i32x4.splat (i32.const 0)))
        (local.set $a11 (i32x4.splat (i32.const 0)))
        (local.set $a20 (i32x4.splat (i32.const 0)))
        (local.set $a21 (i32x4.splat (i32.const 0)))
        (local.set $a30 (i32x4.splat (i32.const 0)))
        (local.set $a31 (i32x4.splat (i32.const 0)))
        ;; the second row of the pair; an odd last row pairs with itself (its copy is not stored)
        (local.set $o (select (i32.add (local.get $p) (local.get $bytes)) (local.get $p)
          (i32.lt_u (i32.add (local.get $k) (i32.const 1)) (local.get $count))))
        (local.set $q (i32.const 0))
        (block $endq
          (loop $cols
            (br_if $endq (i32.ge_u (local.get $q) (local.get $bytes)))
            (local.set $x0 (v128.load (i32.add (local.get $p) (local.get $q))))
            (local.set $x1 (v128.load (i32.add (local.get $o) (local.get $q))))
            (local.set $cv (v128.load (i32.add (local.get $c) (local.get $q))))
            (local.set $a00 (f32x4.add (local.get $a00) (f32x4.mul (local.get $x0) (local.get $cv))))
            (local.set $a01 (f32x4.add (local.get $a01) (f32x4.mul (local.get $x1) (local.get $cv))))
            (local.set $cv (v128.load (i32.add (local.get $c1) (local.get $q))))
            (local.set $a10 (f32x4.add (local.get $a10) (f32x4.mul (local.get $x0) (local.get $cv))))
            (local.set $a11 (f32x4.add (local.get $a11) (f32x4.mul (local.get $x1) (local.get $cv))))
            (local.set $cv (v128.load (i32.add (local.get $c2) (local.get $q))))
            (local.set $a20 (f32x4.add (local.get $a20) (f32x4.mul (local.get $x0) (local.get $cv))))
            (local.set $a21 (f32x4.add (local.get $a21) (f32x4.mul (local.get $x1) (local.get $cv))))
            (local.set $cv (v128.load (i32.add (local.get $c3) (local.get $q))))
            (local.set $a30 (f32x4.add (local.get $a30) (f32x4.mul (local.get $x0) (local.get $cv))))
            (local.set $a31 (f32x4.add (local.get $a31) (f32x4.mul (local.get $x1) (local.get $cv))))
            (local.set $q (i32.add (local.get $q) (i32.const 16)))
            (br $cols)))
        ;; x0 = [c0·r0, c0·r1, c1·r0, c1·r1], x1 the same for c2, c3: each centre's pair of
        ;; outputs is one 64-bit lane (only its first float when the second row is a copy).
        (local.set $o (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 2))))
        (local.set $x0 (f32x4.add (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $a00) (local.get $a01)) (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $a00) (local.get $a01))))
        (local.set $cv (f32x4.add (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $a10) (local.get $a11)) (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $a10) (local.get $a11))))
        (local.set $x0 (f32x4.add (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $x0) (local.get $cv)) (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $x0) (local.get $cv))))
        (local.set $x1 (f32x4.add (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $a20) (local.get $a21)) (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $a20) (local.get $a21))))
        (local.set $cv (f32x4.add (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $a30) (local.get $a31)) (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $a30) (local.get $a31))))
        (local.set $x1 (f32x4.add (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $x1) (local.get $cv)) (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $x1) (local.get $cv))))
        (if (i32.lt_u (i32.add (local.get $k) (i32.const 1)) (local.get $count))
          (then
            (v128.store64_lane 0 (local.get $o) (local.get $x0))
            (v128.store64_lane 1 (i32.add (local.get $o) (local.get $ostride)) (local.get $x0))
            (v128.store64_lane 0 (i32.add (local.get $o) (i32.shl (local.get $ostride) (i32.const 1))) (local.get $x1))
            (v128.store64_lane 1 (i32.add (local.get $o) (i32.mul (local.get $ostride) (i32.const 3))) (local.get $x1)))
          (else
            (f32.store (local.get $o) (f32x4.extract_lane 0 (local.get $x0)))
            (f32.store (i32.add (local.get $o) (local.get $ostride)) (f32x4.extract_lane 2 (local.get $x0)))
            (f32.store (i32.add (local.get $o) (i32.shl (local.get $ostride) (i32.const 1))) (f32x4.extract_lane 0 (local.get $x1)))
            (f32.store (i32.add (local.get $o) (i32.mul (local.get $ostride) (i32.const 3))) (f32x4.extract_lane 2 (local.get $x1)))))
        (local.set $p (i32.add (local.get $p) (i32.shl (local.get $bytes) (i32.const 1))))
        (local.set $k (i32.add (local.get $k) (i32.const 2)))
        (br $rows))))

  ;; The lower triangle of a symmetric matrix from its upper one, in 4×4 blocks: for block rows
  ;; i = 4, 8, … < n4 and block columns j < i, rows i..i+3 / columns j..j+3 become the transpose
  ;; of rows j..j+3 / columns i..i+3 (four loads, eight shuffles, four stores). Rows are np
  ;; floats apart. The 4×4 diagonal blocks are left as they are.
  (func (export "mirror4") (param $sim i32) (param $n4 i32) (param $np i32)
    (local $i i32) (local $j i32) (local $stride i32) (local $src i32) (local $dst i32)
    (local $r0 v128) (local $r1 v128) (local $r2 v128) (local $r3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $stride (i32.shl (local.get $np) (i32.const 2)))
    (local.set $i (i32.const 4))
    (block $doneI
      (loop $blockRows
        (br_if $doneI (i32.ge_u (local.get $i) (local.get $n4)))
        (local.set $j (i32.const 0))
        (block $doneJ
          (loop $blockCols
            (br_if $doneJ (i32.ge_u (local.get $j) (local.get $i)))
            (local.set $src (i32.add (local.get $sim)
              (i32.add (i32.mul (local.get $j) (local.get $stride)) (i32.shl (local.get $i) (i32.const 2)))))
            (local.set $dst (i32.add (local.get $sim)
              (i32.add (i32.mul (local.get $i) (local.get $stride)) (i32.shl (local.get $j) (i32.const 2)))))
            (local.set $r0 (v128.load (local.get $src)))
            (local.set $src (i32.add (local.get $src) (local.get $stride)))
            (local.set $r1 (v128.load (local.get $src)))
            (local.set $src (i32.add (local.get $src) (local.get $stride)))
            (local.set $r2 (v128.load (local.get $src)))
            (local.set $src (i32.add (local.get $src) (local.get $stride)))
            (local.set $r3 (v128.load (local.get $src)))
            ;; [r0.0 r1.0 r0.1 r1.1], [r0.2 r1.2 r0.3 r1.3], the same for r2, r3
            (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r0) (local.get $r1)))
            (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r0) (local.get $r1)))
            (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r2) (local.get $r3)))
            (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r2) (local.get $r3)))
            (v128.store (local.get $dst) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
            (local.set $dst (i32.add (local.get $dst) (local.get $stride)))
            (v128.store (local.get $dst) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
            (local.set $dst (i32.add (local.get $dst) (local.get $stride)))
            (v128.store (local.get $dst) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
            (local.set $dst (i32.add (local.get $dst) (local.get $stride)))
            (v128.store (local.get $dst) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $blockCols)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $blockRows))))

  (func $hsum (param $v v128) (result f32)
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $v)) (f32x4.extract_lane 1 (local.get $v)))
      (f32.add (f32x4.extract_lane 2 (local.get $v)) (f32x4.extract_lane 3 (local.get $v)))))

  ;; [hsum a, hsum b, hsum c, hsum e] in one vector, each summed as hsum does ((l0+l1)+(l2+l3)):
  ;; the same bits as four hsum calls, for one vector store.
  (func $tsum (param $a v128) (param $b v128) (param $c v128) (param $e v128) (result v128)
    (call $pairs (call $pairs (local.get $a) (local.get $b)) (call $pairs (local.get $c) (local.get $e))))

  ;; [x0+x1, x2+x3, y0+y1, y2+y3].
  (func $pairs (param $x v128) (param $y v128) (result v128)
    (f32x4.add
      (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $x) (local.get $y))
      (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $x) (local.get $y))))

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

  ;; Lanes of a, b, c, e summed: [Σa, Σb, Σc, Σe] (pairwise: lanes 0+2 and 1+3 first).
  (func $sum4 (param $a v128) (param $b v128) (param $c v128) (param $e v128) (result v128)
    (local $s v128) (local $t v128)
    (local.set $s (f32x4.add
      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $a) (local.get $b))
      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $a) (local.get $b))))
    (local.set $t (f32x4.add
      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $c) (local.get $e))
      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $c) (local.get $e))))
    (f32x4.add
      (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $s) (local.get $t))
      (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $s) (local.get $t))))

  ;; One k-means assignment + accumulation pass (see "assign"): row i at byte p ends with the
  ;; per-lane best distances bv and their centres bi. Reduce to the first smallest (lowest
  ;; centre on ties, as a plain loop with "<" finds), record it, add the row to its centre's
  ;; sum, count it; returns 1 when the row changed centre.
  (func $settle (param $i i32) (param $p i32) (param $bv v128) (param $bi v128) (param $bytes i32)
    (param $asg i32) (param $mind i32) (param $sums i32) (param $sizes i32) (result i32)
    (local $s v128) (local $si v128) (local $m v128) (local $c i32) (local $q i32) (local $dst i32) (local $old i32)
    (local.set $s (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $bv) (local.get $bv)))
    (local.set $si (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $bi) (local.get $bi)))
    (local.set $m (v128.or (f32x4.lt (local.get $s) (local.get $bv))
      (v128.and (f32x4.eq (local.get $s) (local.get $bv)) (i32x4.lt_s (local.get $si) (local.get $bi)))))
    (local.set $bv (v128.bitselect (local.get $s) (local.get $bv) (local.get $m)))
    (local.set $bi (v128.bitselect (local.get $si) (local.get $bi) (local.get $m)))
    (local.set $s (i8x16.shuffle 4 5 6 7 0 1 2 3 12 13 14 15 8 9 10 11 (local.get $bv) (local.get $bv)))
    (local.set $si (i8x16.shuffle 4 5 6 7 0 1 2 3 12 13 14 15 8 9 10 11 (local.get $bi) (local.get $bi)))
    (local.set $m (v128.or (f32x4.lt (local.get $s) (local.get $bv))
      (v128.and (f32x4.eq (local.get $s) (local.get $bv)) (i32x4.lt_s (local.get $si) (local.get $bi)))))
    (local.set $c (i32x4.extract_lane 0 (v128.bitselect (local.get $si) (local.get $bi) (local.get $m))))
    (f32.store (i32.add (local.get $mind) (i32.shl (local.get $i) (i32.const 2)))
      (f32x4.extract_lane 0 (v128.bitselect (local.get $s) (local.get $bv) (local.get $m))))
    (local.set $dst (i32.add (local.get $asg) (i32.shl (local.get $i) (i32.const 2))))
    (local.set $old (i32.load (local.get $dst)))
    (i32.store (local.get $dst) (local.get $c))
    (local.set $dst (i32.add (local.get $sizes) (i32.shl (local.get $c) (i32.const 2))))
    (i32.store (local.get $dst) (i32.add (i32.load (local.get $dst)) (i32.const 1)))
    (local.set $dst (i32.add (local.get $sums) (i32.mul (local.get $c) (local.get $bytes))))
    (block $end
      (loop $l
        (br_if $end (i32.ge_u (local.get $q) (local.get $bytes)))
        (v128.store (i32.add (local.get $dst) (local.get $q))
          (f32x4.add (v128.load (i32.add (local.get $dst) (local.get $q))) (v128.load (i32.add (local.get $p) (local.get $q)))))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $l)))
    (i32.ne (local.get $old) (local.get $c)))

  ;; k-means assignment fused with the centroid sums, one pass over n rows (dp floats each):
  ;; distance to centre c = cn[c] − 2⟨row, c⟩ (the row's own norm does not change the argmin).
  ;; Centres come in groups of four, interleaved per f32x4 chunk (group g, chunk q, centre j at
  ;; byte cen + ((g·dp/4 + q)·4 + j)·16), padded centres carry cn = +inf. Two rows per sweep, so
  ;; each centre load feeds two rows and each row load four centres (eight add chains).
  ;; Writes asg[i] (centre), mind[i] (cn − 2⟨⟩ of it), adds each row into sums[c] (dp floats)
  ;; and counts sizes[c]; returns how many rows changed centre.
  (func (export "assign") (param $x i32) (param $n i32) (param $dp i32) (param $cen i32) (param $cn i32)
    (param $groups i32) (param $asg i32) (param $mind i32) (param $sums i32) (param $sizes i32) (result i32)
    (local $i i32) (local $bytes i32) (local $p0 i32) (local $p1 i32) (local $g i32) (local $cp i32) (local $q i32)
    (local $moved i32) (local $r0 v128) (local $r1 v128) (local $cv v128) (local $idx v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local $bv0 v128) (local $bi0 v128) (local $bv1 v128) (local $bi1 v128) (local $dv v128) (local $m v128)
    (local.set $bytes (i32.shl (local.get $dp) (i32.const 2)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $p0 (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $bytes))))
        ;; an odd last row pairs with itself; only the first copy is settled
        (local.set $p1 (select (i32.add (local.get $p0) (local.get $bytes)) (local.get $p0)
          (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $n))))
        (local.set $bv0 (f32x4.splat (f32.const inf)))
        (local.set $bv1 (local.get $bv0))
        (local.set $idx (v128.const i32x4 0 1 2 3))
        (local.set $bi0 (local.get $idx))
        (local.set $bi1 (local.get $idx))
        (local.set $cp (local.get $cen))
        (local.set $g (i32.const 0))
        (block $endg
          (loop $grp
            (br_if $endg (i32.ge_u (local.get $g) (local.get $groups)))
            (local.set $a0 (i32x4.splat (i32.const 0)))
            (local.set $a1 (local.get $a0)) (local.set $a2 (local.get $a0)) (local.set $a3 (local.get $a0))
            (local.set $b0 (local.get $a0)) (local.set $b1 (local.get $a0))
            (local.set $b2 (local.get $a0)) (local.set $b3 (local.get $a0))
            (local.set $q (i32.const 0))
            (block $endq
              (loop $cols
                (br_if $endq (i32.ge_u (local.get $q) (local.get $bytes)))
                (local.set $r0 (v128.load (i32.add (local.get $p0) (local.get $q))))
                (local.set $r1 (v128.load (i32.add (local.get $p1) (local.get $q))))
                (local.set $cv (v128.load offset=0 (local.get $cp)))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $r0) (local.get $cv))))
                (local.set $b0 (f32x4.add (local.get $b0) (f32x4.mul (local.get $r1) (local.get $cv))))
                (local.set $cv (v128.load offset=16 (local.get $cp)))
                (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $r0) (local.get $cv))))
                (local.set $b1 (f32x4.add (local.get $b1) (f32x4.mul (local.get $r1) (local.get $cv))))
                (local.set $cv (v128.load offset=32 (local.get $cp)))
                (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $r0) (local.get $cv))))
                (local.set $b2 (f32x4.add (local.get $b2) (f32x4.mul (local.get $r1) (local.get $cv))))
                (local.set $cv (v128.load offset=48 (local.get $cp)))
                (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $r0) (local.get $cv))))
                (local.set $b3 (f32x4.add (local.get $b3) (f32x4.mul (local.get $r1) (local.get $cv))))
                (local.set $cp (i32.add (local.get $cp) (i32.const 64)))
                (local.set $q (i32.add (local.get $q) (i32.const 16)))
                (br $cols)))
            (local.set $cv (v128.load (i32.add (local.get $cn) (i32.shl (local.get $g) (i32.const 4)))))
            (local.set $r0 (call $sum4 (local.get $a0) (local.get $a1) (local.get $a2) (local.get $a3)))
            (local.set $dv (f32x4.sub (local.get $cv) (f32x4.add (local.get $r0) (local.get $r0))))
            (local.set $m (f32x4.lt (local.get $dv) (local.get $bv0)))
            (local.set $bv0 (v128.bitselect (local.get $dv) (local.get $bv0) (local.get $m)))
            (local.set $bi0 (v128.bitselect (local.get $idx) (local.get $bi0) (local.get $m)))
            (local.set $r1 (call $sum4 (local.get $b0) (local.get $b1) (local.get $b2) (local.get $b3)))
            (local.set $dv (f32x4.sub (local.get $cv) (f32x4.add (local.get $r1) (local.get $r1))))
            (local.set $m (f32x4.lt (local.get $dv) (local.get $bv1)))
            (local.set $bv1 (v128.bitselect (local.get $dv) (local.get $bv1) (local.get $m)))
            (local.set $bi1 (v128.bitselect (local.get $idx) (local.get $bi1) (local.get $m)))
            (local.set $idx (i32x4.add (local.get $idx) (v128.const i32x4 4 4 4 4)))
            (local.set $g (i32.add (local.get $g) (i32.const 1)))
            (br $grp)))
        (local.set $moved (i32.add (local.get $moved) (call $settle (local.get $i) (local.get $p0) (local.get $bv0)
          (local.get $bi0) (local.get $bytes) (local.get $asg) (local.get $mind) (local.get $sums) (local.get $sizes))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (if (i32.lt_u (local.get $i) (local.get $n))
          (then
            (local.set $moved (i32.add (local.get $moved) (call $settle (local.get $i) (local.get $p1) (local.get $bv1)
              (local.get $bi1) (local.get $bytes) (local.get $asg) (local.get $mind) (local.get $sums) (local.get $sizes))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))))
        (br $rows)))
    (local.get $moved))

  ;; out[i] = ‖row i‖² for i < n (rows dp floats, dp % 4 == 0, padding lanes zero).
  (func (export "sqNorms") (param $x i32) (param $n i32) (param $dp i32) (param $out i32)
    (local $i i32) (local $q i32) (local $bytes i32) (local $v v128) (local $a v128) (local $b v128)
    (local.set $bytes (i32.shl (local.get $dp) (i32.const 2)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $a (i32x4.splat (i32.const 0)))
        (local.set $b (local.get $a))
        (local.set $q (i32.const 0))
        (block $endq
          (loop $cols
            (br_if $endq (i32.ge_u (local.get $q) (local.get $bytes)))
            (local.set $v (v128.load (i32.add (local.get $x) (local.get $q))))
            (local.set $a (f32x4.add (local.get $a) (f32x4.mul (local.get $v) (local.get $v))))
            (local.set $q (i32.add (local.get $q) (i32.const 16)))
            (br_if $endq (i32.ge_u (local.get $q) (local.get $bytes)))
            (local.set $v (v128.load (i32.add (local.get $x) (local.get $q))))
            (local.set $b (f32x4.add (local.get $b) (f32x4.mul (local.get $v) (local.get $v))))
            (local.set $q (i32.add (local.get $q) (i32.const 16)))
            (br $cols)))
        (f32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2)))
          (call $hsum (f32x4.add (local.get $a) (local.get $b))))
        (local.set $x (i32.add (local.get $x) (local.get $bytes)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; kNN tile scan: which pairs of a tile of inner products could enter a neighbour list. Tile
  ;; row i (rows tstride bytes apart), column j < nb (rounded up to whole vectors; the caller
  ;; skips j ≥ nb): pair (i, j) passes when mul·dot ≥ min(ra[i] + cb[j], ca[j] + rb[i]), i.e.
  ;; when row i's key for column j, or column j's key for row i, reaches that one's bar (a =
  ;; bar less a margin, b = the key's offset less a margin; see knn.ts). Writes i·65536 + j of
  ;; each passing pair to out in row-major order; returns how many.
  (func (export "knnScan") (param $tile i32) (param $na i32) (param $nb i32) (param $tstride i32)
    (param $ra i32) (param $rb i32) (param $ca i32) (param $cb i32) (param $mul f32) (param $out i32) (result i32)
    (local $i i32) (local $q i32) (local $bytes i32) (local $row i32) (local $n i32) (local $j i32)
    (local $rav v128) (local $rbv v128) (local $mv v128) (local $m v128) (local $lane i32)
    (local.set $bytes (i32.shl (i32.and (i32.add (local.get $nb) (i32.const 3)) (i32.const -4)) (i32.const 2)))
    (local.set $mv (f32x4.splat (local.get $mul)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $na)))
        (local.set $rav (f32x4.splat (f32.load (i32.add (local.get $ra) (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $rbv (f32x4.splat (f32.load (i32.add (local.get $rb) (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $row (i32.add (local.get $tile) (i32.mul (local.get $i) (local.get $tstride))))
        (local.set $q (i32.const 0))
        (block $endq
          (loop $cols
            (br_if $endq (i32.ge_u (local.get $q) (local.get $bytes)))
            (local.set $m (f32x4.ge
              (f32x4.mul (local.get $mv) (v128.load (i32.add (local.get $row) (local.get $q))))
              (f32x4.min
                (f32x4.add (local.get $rav) (v128.load (i32.add (local.get $cb) (local.get $q))))
                (f32x4.add (v128.load (i32.add (local.get $ca) (local.get $q))) (local.get $rbv)))))
            (if (v128.any_true (local.get $m))
              (then
                (local.set $lane (i32x4.bitmask (local.get $m)))
                (local.set $j (i32.or (i32.shl (local.get $i) (i32.const 16)) (i32.shr_u (local.get $q) (i32.const 2))))
                (if (i32.and (local.get $lane) (i32.const 1))
                  (then (i32.store (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))) (local.get $j))
                    (local.set $n (i32.add (local.get $n) (i32.const 1)))))
                (if (i32.and (local.get $lane) (i32.const 2))
                  (then (i32.store (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))) (i32.add (local.get $j) (i32.const 1)))
                    (local.set $n (i32.add (local.get $n) (i32.const 1)))))
                (if (i32.and (local.get $lane) (i32.const 4))
                  (then (i32.store (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))) (i32.add (local.get $j) (i32.const 2)))
                    (local.set $n (i32.add (local.get $n) (i32.const 1)))))
                (if (i32.and (local.get $lane) (i32.const 8))
                  (then (i32.store (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))) (i32.add (local.get $j) (i32.const 3)))
                    (local.set $n (i32.add (local.get $n) (i32.const 1)))))))
            (local.set $q (i32.add (local.get $q) (i32.const 16)))
            (br $cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))
    (local.get $n))
)
